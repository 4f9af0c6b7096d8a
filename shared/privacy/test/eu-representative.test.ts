/**
 * The privacy page names the controller's representative in the EU (GDPR Art. 27) from
 * C500_EU_REPRESENTATIVE, which the cloud requires as it requires the controller's name; the
 * local runtime shows a placeholder it calls one, as it does the controller's name (issue 79).
 */
import { loadConfig, localDataController, type DataController } from '../../config';
import { privacyPageHtml } from '../rules/privacy-page';

const controller: DataController = {
  name: 'Keycap Works Ltd',
  contact: 'privacy@keycap.example',
  address: undefined,
  euRepresentative: 'Keys EU Rep GmbH, Hauptstraße 1, Berlin, eu-rep@keycap.example',
  placeholder: false,
};
const dpoSection = (html: string) => /<h2 id="dpo">([\s\S]*?)(?=<h2 |$)/.exec(html)?.[1] ?? '';

describe('the privacy page’s representative in the EU', () => {
  it('GIVEN C500_EU_REPRESENTATIVE set THEN /privacy names the representative under Art. 27, and no longer says one is yet to be named', () => {
    const section = dpoSection(privacyPageHtml(controller));
    expect(section).toContain('representative in the EU (Art. 27) is <strong>Keys EU Rep GmbH, Hauptstraße 1, Berlin, eu-rep@keycap.example</strong>');
    expect(section).not.toContain('until a representative is named');
    expect(section).not.toContain('placeholder');
  });

  it('GIVEN the representative read from the cloud’s environment THEN the page shows what was set, escaped', () => {
    const cloud = loadConfig({
      C500_RUNTIME: 'gcp',
      GOOGLE_CLOUD_PROJECT: 'c500-prod',
      C500_PUBLIC_BASE_URL: 'https://c500.example',
      C500_CONTROLLER_NAME: 'Keycap Works Ltd',
      C500_PRIVACY_CONTACT: 'privacy@keycap.example',
      C500_EU_REPRESENTATIVE: 'Keys <EU> & Rep',
    });
    expect(dpoSection(privacyPageHtml(cloud.dataController))).toContain('<strong>Keys &lt;EU&gt; &amp; Rep</strong>');
  });

  it('GIVEN the local runtime with no representative set THEN the page shows the placeholder and says it is one, naming C500_EU_REPRESENTATIVE', () => {
    const local = privacyPageHtml(loadConfig({}).dataController);
    expect(dpoSection(local)).toContain(`<strong>${localDataController.euRepresentative}</strong>`);
    expect(localDataController.euRepresentative).toContain('placeholder');
    expect(local).toContain('<code>C500_EU_REPRESENTATIVE</code>');
  });

  it('GIVEN the cloud without C500_EU_REPRESENTATIVE THEN the configuration refuses to start, as it does without the controller’s name', () => {
    const withoutIt = { C500_RUNTIME: 'gcp', GOOGLE_CLOUD_PROJECT: 'c500-prod', C500_PUBLIC_BASE_URL: 'https://c500.example' };
    expect(() => loadConfig({ ...withoutIt, C500_CONTROLLER_NAME: 'Keycap Works Ltd', C500_PRIVACY_CONTACT: 'privacy@keycap.example' })).toThrow(
      /^C500_EU_REPRESENTATIVE is not set: production must name the controller’s representative in the EU/,
    );
  });
});
