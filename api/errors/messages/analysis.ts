import type { Messages } from '../catalogue';

export const analysisMessages = {} satisfies Messages;
