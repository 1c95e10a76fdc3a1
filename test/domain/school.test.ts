import { Brin, School } from '../../domain/school';

const BRIN_MESSAGE = 'Een BRIN-code bestaat uit twee cijfers en twee letters, bijvoorbeeld 12AB.';

function brinMessages(value: unknown): string[] {
  const result = Brin.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe('Brin', () => {
  it('normalises spaces and lower case: " 12ab " is 12AB', () => {
    expect(Brin.parse(' 12ab ')).toBe('12AB');
    expect(Brin.parse('00aa')).toBe('00AA');
  });

  it('keeps a well-formed code as it is', () => {
    expect(Brin.parse('12AB')).toBe('12AB');
  });

  it.each(['123A', '12A', '12ABC', 'AB12', '1 2AB', '', '12-A'])('refuses %j with the Dutch message', (value) => {
    expect(brinMessages(value)).toEqual([BRIN_MESSAGE]);
  });

  it('refuses what is not a string', () => {
    expect(Brin.safeParse(1234).success).toBe(false);
  });
});

describe('School', () => {
  const school = {
    brin: ' 12ab ',
    name: 'Basisschool De Regenboog',
    sector: 'PO',
    region: 'Utrecht',
    contactEmail: 'directie@regenboog.example',
    inspectionRating: 'goed',
  };

  it('defaults equalAccessMarkers to an empty list', () => {
    expect(School.parse(school).equalAccessMarkers).toEqual([]);
  });

  it('keeps the markers it is given', () => {
    expect(School.parse({ ...school, equalAccessMarkers: ['small_regional', 'specialised'] }).equalAccessMarkers).toEqual(['small_regional', 'specialised']);
  });

  it('normalises the BRIN of the school', () => {
    expect(School.parse(school).brin).toBe('12AB');
  });

  it('refuses an unknown marker, sector or inspection rating', () => {
    expect(School.safeParse({ ...school, equalAccessMarkers: ['rich'] }).success).toBe(false);
    expect(School.safeParse({ ...school, sector: 'MBO' }).success).toBe(false);
    expect(School.safeParse({ ...school, inspectionRating: 'zwak' }).success).toBe(false);
  });

  it('refuses a school without a name, in Dutch, at the name', () => {
    const result = School.safeParse({ ...school, name: ' ' });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['name'], message: 'Vul de naam van de school in.' })]);
  });
});
