import type { Messages } from '../catalogue';

export const questionnaireMessages = {} satisfies Messages;
