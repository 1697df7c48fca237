import { mainImage } from '../src/main';
import { image, passingReport } from './report/fixtures';

describe('mainImage (the size-* outputs)', () => {
  // api/Dockerfile built its builder stage first and its final stage last, web/Dockerfile only its final stage
  const report = passingReport();
  report.builds.unshift({ ...report.builds[0], target: 'builder' });
  report.sizes = [
    { ...image('api/Dockerfile', 'builder', 900, null), final: false },
    { ...image('api/Dockerfile', 'App', 48.2, 51.0), final: true },
    { ...image('web/Dockerfile', 'web', 12.0, null), final: true }
  ];
  report.builds[1].target = 'App';

  it.each([
    ['', 'api/Dockerfile', 'App'],
    ['web/Dockerfile:web', 'web/Dockerfile', 'web'],
    ['api/Dockerfile', 'api/Dockerfile', 'App'],
    ['./api/Dockerfile', 'api/Dockerfile', 'App'],
    ['api/Dockerfile:app', 'api/Dockerfile', 'App'],
    ['api/Dockerfile:builder', 'api/Dockerfile', 'builder']
  ])('picks %j as %s (%s)', (wanted, dockerfile, target) => {
    expect(mainImage(report, wanted)).toMatchObject({ dockerfile, target });
  });

  it('gives nothing for a target that was not measured', () => {
    expect(mainImage(report, 'api/Dockerfile:nope')).toBeUndefined();
  });
});
