import type { Messages } from '../catalogue';

export const collectionMessages = {} satisfies Messages;
