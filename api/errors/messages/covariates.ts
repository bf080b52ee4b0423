import type { Messages } from '../catalogue';

export const covariateMessages = {} satisfies Messages;
