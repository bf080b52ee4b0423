/** Texts of signing in, access rules and user accounts (api/auth, api/users, api/http/accessControl.ts, sessions). */
import type { Messages } from '../catalogue';

export const accountMessages = {
  'auth.unauthenticated': { de: 'Bitte melden Sie sich an.', en: 'Please sign in.' },
  'auth.forbidden': { de: 'Für diese Aktion fehlt Ihnen die Berechtigung.', en: 'You are not allowed to do this.' },
  'auth.csrf': {
    de: 'Sicherheitstoken fehlt oder ist ungültig. Bitte laden Sie die Seite neu.',
    en: 'Security token missing or invalid. Please reload the page.',
  },
  'auth.invalidCredentials': { de: 'Benutzername oder Passwort ist falsch.', en: 'Wrong username or password.' },
  'auth.lockedUser': (p: { minutes: number }) => ({
    de: `Zu viele fehlgeschlagene Anmeldeversuche. Das Konto ist für ${p.minutes} Minuten gesperrt.`,
    en: `Too many failed sign-in attempts. The account is locked for ${p.minutes} minutes.`,
  }),
  'auth.lockedIp': (p: { minutes: number }) => ({
    de: `Zu viele fehlgeschlagene Anmeldeversuche von dieser Adresse. Bitte in ${p.minutes} Minuten erneut versuchen.`,
    en: `Too many failed sign-in attempts from this address. Please try again in ${p.minutes} minutes.`,
  }),
  'users.duplicateUsername': { de: 'Dieser Benutzername ist bereits vergeben.', en: 'This username is already taken.' },
  'users.notFound': { de: 'Benutzerkonto nicht gefunden.', en: 'User account not found.' },
  'users.selfDisable': { de: 'Sie können Ihr eigenes Konto nicht deaktivieren.', en: 'You cannot disable your own account.' },
  'users.selfDemote': { de: 'Sie können sich selbst die Administrationsrolle nicht entziehen.', en: 'You cannot remove the admin role from yourself.' },
} satisfies Messages;
