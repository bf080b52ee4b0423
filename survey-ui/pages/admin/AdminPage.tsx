import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { PageTitle } from '../../components/PageTitle';
import { api, ApiError } from '../../lib/api';
import { AuditLog } from './AuditLog';
import { CreateUserForm } from './CreateUserForm';
import { ResetPasswordDialog } from './ResetPasswordDialog';
import type { UserAccount } from './types';
import { UsersTable } from './UsersTable';

/** Verwaltung (admin only): user accounts and the change log. */
export default function AdminPage() {
  const { t } = useTranslation();
  const { state } = useSession();
  const [users, setUsers] = useState<UserAccount[] | null>(null);
  const [notice, setNotice] = useState<string>('');
  const [error, setError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | number | null>(null);
  const [resetting, setResetting] = useState<UserAccount | null>(null);
  const [auditVersion, setAuditVersion] = useState(0);
  const resetTrigger = useRef<HTMLButtonElement | null>(null);
  const currentUserId = state.status === 'ready' && state.user ? state.user.id : '';

  const loadUsers = useCallback(async () => {
    try {
      const result = await api.get<{ users: UserAccount[] }>('/api/admin/users');
      setUsers(result.users);
    } catch (caught) {
      setError(caught instanceof ApiError && caught.message ? caught.message : t('admin.users.loadFailed'));
    }
  }, [t]);

  useEffect(() => {
    void loadUsers();
  }, [loadUsers]);

  const changed = async (message: string) => {
    setNotice(message);
    setError(null);
    setAuditVersion((version) => version + 1);
    await loadUsers();
  };

  const onToggleDisabled = async (user: UserAccount) => {
    setBusyId(user.id);
    try {
      await api.patch(`/api/admin/users/${encodeURIComponent(String(user.id))}`, { disabled: !user.disabled });
      await changed(t(user.disabled ? 'admin.users.enabledDone' : 'admin.users.disabledDone', { username: user.username }));
    } catch (caught) {
      setNotice('');
      setError(caught instanceof ApiError && caught.message ? caught.message : t('errors.network'));
    } finally {
      setBusyId(null);
    }
  };

  const onResetClosed = (changedPassword: boolean) => {
    const user = resetting;
    setResetting(null);
    // Focus goes back to the button that opened the dialog, as keyboard users expect.
    resetTrigger.current?.focus();
    if (changedPassword && user) void changed(t('admin.reset.done', { username: user.username }));
  };

  return (
    <>
      <PageTitle>{t('admin.title')}</PageTitle>
      <p className="lead">{t('admin.intro')}</p>
      <div role="status" className={notice ? 'message message--success' : 'message message--empty'}>
        {notice && <p>{notice}</p>}
      </div>
      {error && (
        <div role="alert" className="message message--error">
          <p>{error}</p>
        </div>
      )}
      <section className="card" aria-labelledby="users-title">
        <h2 id="users-title">{t('admin.users.title')}</h2>
        {users === null ? (
          <p className="loading">{t('app.loading')}</p>
        ) : users.length === 0 ? (
          <p>{t('admin.users.empty')}</p>
        ) : (
          <UsersTable
            users={users}
            currentUserId={currentUserId}
            busyId={busyId}
            onToggleDisabled={(user) => void onToggleDisabled(user)}
            onResetPassword={(user, trigger) => {
              resetTrigger.current = trigger;
              setResetting(user);
            }}
          />
        )}
      </section>
      <CreateUserForm onCreated={(user) => void changed(t('admin.create.done', { username: user.username }))} />
      <AuditLog refreshKey={auditVersion} />
      {resetting && <ResetPasswordDialog user={resetting} onClose={onResetClosed} />}
    </>
  );
}
