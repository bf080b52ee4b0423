import type { Messages } from '../catalogue';

export const samplingMessages = {} satisfies Messages;
