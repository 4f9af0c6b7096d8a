import { adminToTell } from '../rules/fraud-warning';
// What erasure leaves in place of a person's id (privacy's erasedName).
const erasedName = 'a former member';

describe('the admin told of a server’s money troubles', () => {
  it('is the admin who set C500 up', () => {
    expect(adminToTell({ configuredBy: '811000000000000101' })).toBe('811000000000000101');
  });

  it('is nobody once that admin erased their data, or when nobody set the server up', () => {
    expect(adminToTell({ configuredBy: erasedName })).toBeUndefined();
    expect(adminToTell({})).toBeUndefined();
    expect(adminToTell(undefined)).toBeUndefined();
  });
});
