import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/TextField';
import { api, ApiError } from '../../lib/api';
import type { UserAccount } from './types';

interface ResetPasswordDialogProps {
  user: UserAccount;
  /** Called with `true` after a successful reset, `false` when cancelled. */
  onClose: (changed: boolean) => void;
}

/**
 * A modal `<dialog>`: the browser traps focus inside and closes it with Escape; the caller
 * returns focus to the button that opened it.
 */
export function ResetPasswordDialog({ user, onClose }: ResetPasswordDialogProps) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    inputRef.current?.focus();
    return () => dialog?.close();
  }, []);

  // Closed before React removes it, so the browser leaves the modal state (and its inert page) first.
  const close = (changed: boolean) => {
    dialogRef.current?.close();
    onClose(changed);
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setFieldError(undefined);
    try {
      await api.post<void>(`/api/admin/users/${encodeURIComponent(String(user.id))}/password`, { password });
      close(true);
    } catch (caught) {
      setBusy(false);
      setError(caught instanceof ApiError ? caught.message || t('admin.reset.failed') : t('errors.network'));
      setFieldError(caught instanceof ApiError ? caught.fieldMessage('password') : undefined);
      inputRef.current?.focus();
    }
  };

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby="reset-title"
      aria-describedby="reset-intro"
      onCancel={(event) => {
        event.preventDefault();
        close(false);
      }}
    >
      <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate>
        <h2 id="reset-title">{t('admin.reset.title')}</h2>
        <p id="reset-intro">{t('admin.reset.intro', { username: user.username, displayName: user.displayName })}</p>
        <div role="alert" className={error ? 'message message--error' : 'message message--empty'}>
          {error && <p>{error}</p>}
        </div>
        {/* Lets password managers attach the new password to the right account. */}
        <input type="text" name="username" autoComplete="username" value={user.username} readOnly hidden />
        <TextField
          ref={inputRef}
          id="reset-password"
          name="password"
          type="password"
          autoComplete="new-password"
          label={t('admin.reset.password')}
          hint={t('admin.create.passwordHint')}
          error={fieldError}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('admin.reset.submit')}
          </button>
          <button type="button" className="button button--secondary" onClick={() => close(false)}>
            {t('admin.reset.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
