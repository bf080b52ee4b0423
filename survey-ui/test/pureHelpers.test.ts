import { expect } from 'chai';
import { describeChange, formatDateTime } from '../pages/admin/format';
import { accessCodeFromLocation, isPlausibleAccessCode, normaliseAccessCode } from '../resident/accessCode';

describe('survey-ui access code input', function () {
  it('normalises what people type from the letter', function () {
    expect(normaliseAccessCode(' k7qm xr3t 9pwe hc ')).to.equal('K7QM-XR3T-9PWE-HC');
    expect(normaliseAccessCode('k7qm--xr3t_9pwe')).to.equal('K7QM-XR3T-9PWE');
  });

  it('accepts grouped letters and digits and rejects anything else', function () {
    expect(isPlausibleAccessCode('K7QM-XR3T-9PWE-HC')).to.equal(true);
    expect(isPlausibleAccessCode('K7QMXR3T9PWEHC')).to.equal(true);
    expect(isPlausibleAccessCode('AB!')).to.equal(false);
    expect(isPlausibleAccessCode('ABC')).to.equal(false);
    expect(isPlausibleAccessCode('-ABCD')).to.equal(false);
    expect(isPlausibleAccessCode('A'.repeat(33))).to.equal(false);
  });

  it('takes a code from the link in the letter', function () {
    expect(accessCodeFromLocation({ pathname: '/t/k7qm-xr3t-9pwe-hc', search: '' })).to.equal('K7QM-XR3T-9PWE-HC');
    expect(accessCodeFromLocation({ pathname: '/teilnahme.html', search: '?code=k7qm%20xr3t' })).to.equal('K7QM-XR3T');
    expect(accessCodeFromLocation({ pathname: '/teilnahme.html', search: '' })).to.equal('');
  });
});

describe('survey-ui audit log formatting', function () {
  it('shows a changed summary as before → after, then the details', function () {
    expect(describeChange('lena · staff · active', 'lena · staff · disabled', { changed: ['disabled'] })).to.deep.equal([
      'lena · staff · active → lena · staff · disabled',
      'changed: disabled',
    ]);
  });

  it('shows an unchanged or one-sided summary once', function () {
    expect(describeChange('a · staff · active', 'a · staff · active', null)).to.deep.equal(['a · staff · active']);
    expect(describeChange(null, 'a · staff · active', { source: 'demo-seed' })).to.deep.equal(['a · staff · active', 'source: demo-seed']);
    expect(describeChange(null, null, null)).to.deep.equal([]);
  });

  it('formats times in the UI language and leaves unreadable values as they are', function () {
    expect(formatDateTime('2026-11-27T23:54:00Z', 'de')).to.match(/^\d{2}\.\d{2}\.2026, \d{2}:\d{2}$/);
    expect(formatDateTime('2026-11-27T23:54:00Z', 'en')).to.match(/2026, \d{2}:\d{2}$/);
    expect(formatDateTime('not a date', 'de')).to.equal('not a date');
  });
});
