/** The outcome of a fieldwork action: errors are announced at once (alert), successes politely (status). */
export interface Flash {
  kind: 'error' | 'success';
  text: string;
}

export function FlashMessage({ message }: { message: Flash | null }) {
  if (!message) return null;
  return (
    <p role={message.kind === 'error' ? 'alert' : 'status'} className={`message message--${message.kind}`}>
      {message.text}
    </p>
  );
}
