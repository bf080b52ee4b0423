import { expect } from 'chai';
import { catalogue, FEATURE_MESSAGES, LANGUAGES, message, render, texts, type MessageEntry, type MessageKey } from './catalogue';

/** Params for any placeholder: a number, so `${p.count}` and `p.count === 1 ? …` both read as text. */
const anyParams = new Proxy({}, { get: (_target, name) => (typeof name === 'string' ? 2 : undefined) });

describe('message catalogue', () => {
  it('has a German and an English text for every key, without an unfilled placeholder', () => {
    const keys = Object.keys(catalogue) as MessageKey[];
    expect(keys.length).to.be.greaterThan(20);
    for (const key of keys) {
      const both = render(key, anyParams);
      for (const lang of LANGUAGES) {
        expect(both[lang], `${key} (${lang})`).to.be.a('string').that.is.not.empty;
        expect(both[lang], `${key} (${lang})`).not.to.match(/undefined|NaN|\[object /);
      }
    }
  });

  it('holds every feature file, no key defined twice, each key under its feature prefix', () => {
    const all = Object.values(FEATURE_MESSAGES).flatMap((messages) => Object.keys(messages));
    expect(new Set(all).size).to.equal(all.length);
    expect(Object.keys(catalogue).sort()).to.deep.equal([...all].sort());
    for (const key of all) expect(key, key).to.match(/^[a-z]+(\.[A-Za-z0-9]+)+$/);
  });

  it('fills the placeholders of a text in the asked language', () => {
    expect(message('http.notFound', 'de')).to.equal('Nicht gefunden.');
    expect(message('http.jsonTooDeep', 'en', { max: 64 })).to.equal('The body is nested too deeply (64 levels at most).');
    expect(texts('auth.lockedUser', { minutes: 15 })).to.deep.equal({
      de: 'Zu viele fehlgeschlagene Anmeldeversuche. Das Konto ist für 15 Minuten gesperrt.',
      en: 'Too many failed sign-in attempts. The account is locked for 15 minutes.',
    });
  });

  it('keeps every entry a pair of texts or a function giving one', () => {
    for (const [key, entry] of Object.entries(catalogue) as [string, MessageEntry][]) {
      expect(typeof entry === 'function' || (typeof entry.de === 'string' && typeof entry.en === 'string'), key).to.equal(true);
    }
  });
});
