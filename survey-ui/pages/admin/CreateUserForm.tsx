import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/TextField';
import { api, ApiError, type Role } from '../../lib/api';
import { roles, type UserAccount } from './types';

const fields = ['username', 'displayName', 'role', 'password'] as const;
type FieldName = (typeof fields)[number];

interface CreateUserFormProps {
  onCreated: (user: UserAccount) => void;
}

export function CreateUserForm({ onCreated }: CreateUserFormProps) {
  const { t } = useTranslation();
  const [values, setValues] = useState({ username: '', displayName: '', role: 'staff' as Role, password: '' });
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [busy, setBusy] = useState(false);
  const refs = {
    username: useRef<HTMLInputElement>(null),
    displayName: useRef<HTMLInputElement>(null),
    role: useRef<HTMLSelectElement>(null),
    password: useRef<HTMLInputElement>(null),
  };

  const set = (name: FieldName, value: string) => setValues((previous) => ({ ...previous, [name]: value }));

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      const created = await api.post<{ user?: UserAccount } & Partial<UserAccount>>('/api/admin/users', {
        ...values,
        username: values.username.trim(),
        displayName: values.displayName.trim(),
      });
      const user = (created?.user ?? created) as UserAccount;
      setValues({ username: '', displayName: '', role: 'staff', password: '' });
      onCreated({ ...user, username: user?.username ?? values.username.trim() });
      refs.username.current?.focus();
    } catch (caught) {
      const next: Partial<Record<FieldName, string>> = {};
      if (caught instanceof ApiError) for (const name of fields) next[name] = caught.fieldMessage(name);
      const invalid = fields.filter((name) => next[name]);
      setFieldErrors(next);
      setError(
        caught instanceof ApiError
          ? [caught.message || t('admin.create.failed'), invalid.length > 0 ? t('admin.create.fieldErrors') : ''].filter(Boolean).join(' ')
          : t('errors.network'),
      );
      if (invalid[0]) refs[invalid[0]].current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="create-user-title">
      <h2 id="create-user-title">{t('admin.create.title')}</h2>
      <div role="alert" className={error ? 'message message--error' : 'message message--empty'}>
        {error && <p>{error}</p>}
      </div>
      <form className="form form--grid" onSubmit={(event) => void onSubmit(event)} noValidate>
        <TextField
          ref={refs.username}
          id="new-username"
          name="username"
          label={t('admin.create.username')}
          hint={t('admin.create.usernameHint')}
          error={fieldErrors.username}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={values.username}
          onChange={(event) => set('username', event.target.value)}
        />
        <TextField
          ref={refs.displayName}
          id="new-display-name"
          name="displayName"
          label={t('admin.create.displayName')}
          error={fieldErrors.displayName}
          autoComplete="off"
          value={values.displayName}
          onChange={(event) => set('displayName', event.target.value)}
        />
        <div className={fieldErrors.role ? 'field field--invalid' : 'field'}>
          <label htmlFor="new-role">{t('admin.create.role')}</label>
          {fieldErrors.role && (
            <p id="new-role-error" className="field__error">
              {fieldErrors.role}
            </p>
          )}
          <select
            ref={refs.role}
            id="new-role"
            name="role"
            value={values.role}
            aria-invalid={fieldErrors.role ? true : undefined}
            aria-describedby={fieldErrors.role ? 'new-role-error' : undefined}
            onChange={(event) => set('role', event.target.value)}
          >
            {roles.map((role) => (
              <option key={role} value={role}>
                {t(`roles.${role}`)}
              </option>
            ))}
          </select>
        </div>
        <TextField
          ref={refs.password}
          id="new-password"
          name="password"
          type="password"
          label={t('admin.create.password')}
          hint={t('admin.create.passwordHint')}
          error={fieldErrors.password}
          autoComplete="new-password"
          value={values.password}
          onChange={(event) => set('password', event.target.value)}
        />
        <div className="form__actions form__full">
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('admin.create.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
