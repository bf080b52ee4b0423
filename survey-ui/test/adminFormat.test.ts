import { expect } from 'chai';
import { describeChange, formatDateTime } from '../pages/admin/format';

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
