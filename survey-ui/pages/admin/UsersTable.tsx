import { useTranslation } from 'react-i18next';
import { TableScroll } from '../../components/TableScroll';
import { formatDateTime } from './format';
import type { UserAccount } from './types';

interface UsersTableProps {
  users: readonly UserAccount[];
  currentUserId: string | number;
  busyId: string | number | null;
  onToggleDisabled: (user: UserAccount) => void;
  onResetPassword: (user: UserAccount, trigger: HTMLButtonElement) => void;
}

export function UsersTable({ users, currentUserId, busyId, onToggleDisabled, onResetPassword }: UsersTableProps) {
  const { t, i18n } = useTranslation();
  return (
    <TableScroll labelledBy="users-caption">
      <table className="table table--users">
        <caption id="users-caption">{t('admin.users.caption', { count: users.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.users.username')}</th>
            <th scope="col">{t('admin.users.displayName')}</th>
            <th scope="col">{t('admin.users.role')}</th>
            <th scope="col">{t('admin.users.status')}</th>
            <th scope="col">{t('admin.users.createdAt')}</th>
            <th scope="col">{t('admin.users.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => {
            const self = String(user.id) === String(currentUserId);
            // Screen-reader users tabbing through the buttons hear whose account each one changes.
            const target = <span className="visually-hidden"> {t('admin.users.rowTarget', { username: user.username })}</span>;
            return (
              <tr key={String(user.id)} data-username={user.username}>
                <th scope="row">
                  {user.username} {self && <span className="muted">{t('admin.users.you')}</span>}
                </th>
                <td>{user.displayName}</td>
                <td>{t(`roles.${user.role}`)}</td>
                <td>
                  <span className={user.disabled ? 'badge badge--off' : 'badge badge--on'}>
                    {user.disabled ? t('admin.users.disabled') : t('admin.users.active')}
                  </span>
                </td>
                <td>{formatDateTime(user.createdAt, i18n.language)}</td>
                <td>
                  <div className="row-actions">
                    {/* An admin cannot lock themselves out from here. */}
                    {!self && (
                      <button
                        type="button"
                        className="button button--small button--secondary"
                        disabled={busyId === user.id}
                        onClick={() => onToggleDisabled(user)}
                      >
                        {user.disabled ? t('admin.users.enable') : t('admin.users.disable')}
                        {target}
                      </button>
                    )}
                    <button
                      type="button"
                      className="button button--small button--secondary"
                      onClick={(event) => onResetPassword(user, event.currentTarget)}
                    >
                      {t('admin.users.resetPassword')}
                      {target}
                    </button>
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
