/** What a browser posts, turned into the input the domain's schemas check. */
import { applicationFromForm, formRows, participantsFromForm, rowsShown } from '../../api/school/form-input';
import { ApplicationDraft } from '../../domain/application';

test('rows come in order, from arrays and from the objects qs makes beyond 20 entries', () => {
  expect(formRows([{ name: 'a' }, { name: 'b' }])).toEqual([{ name: 'a' }, { name: 'b' }]);
  expect(formRows({ 21: { name: 'c' }, 3: { name: 'a' }, 20: { name: 'b' } })).toEqual([{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
  expect(formRows({ x: { name: 'weird' }, '-1': { name: 'negative' }, 2: 'not a row' })).toEqual([]);
  expect(formRows('nonsense')).toEqual([]);
});

test('rows left empty are not rows; what was typed is passed on as typed', () => {
  expect(
    participantsFromForm([
      { name: '', email: '', role: '' },
      { name: 'Jan', email: ' jan@school.example ', role: 'teacher' },
      { name: ' ', email: '', role: '' },
    ]),
  ).toEqual([{ name: 'Jan', email: 'jan@school.example', role: 'teacher' }]);
});

test('an application form becomes a draft the schema accepts, places as numbers where they are numbers', () => {
  const input = applicationFromForm({
    participants: [{ name: 'Fatima el Amrani', email: 'f@school.example', role: 'school_leader' }],
    sections: { support_and_commitment: 'Het hele team staat erachter.', organisation_and_roles: '  ', unknown_section: 'x' },
    trajectories: [
      { title: 'Lezen', places: '6' },
      { title: 'Rekenen', places: 'zes' },
    ],
    otherSubsidies: 'groeikracht',
  });
  expect(input).toEqual({
    participants: [{ name: 'Fatima el Amrani', email: 'f@school.example', role: 'school_leader' }],
    sections: { support_and_commitment: 'Het hele team staat erachter.' },
    trajectories: [
      { title: 'Lezen', places: 6 },
      { title: 'Rekenen', places: 'zes' },
    ],
    otherSubsidies: ['groeikracht'],
  });
  const checked = ApplicationDraft.safeParse(input);
  expect(checked.success).toBe(false);
  expect(checked.error?.issues).toEqual([expect.objectContaining({ path: ['trajectories', 1, 'places'], message: 'Vul het aantal plaatsen in als getal.' })]);
});

test('the number of rows shown comes back within bounds', () => {
  expect(rowsShown('7', 50)).toBe(7);
  expect(rowsShown('5000', 50)).toBe(50);
  expect(rowsShown('-3', 50)).toBe(0);
  expect(rowsShown('zeven', 50)).toBe(0);
});
