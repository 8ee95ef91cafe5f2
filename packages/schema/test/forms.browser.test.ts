import { expect } from '@open-wc/testing';
import { idCardCheckChar, safeUrl, validateForm, FormDefinition } from '@cityhub/schema';

// The browser-safe entry must load and behave the same way in real browsers (no Node APIs).
describe('@cityhub/schema in the browser', () => {
  it('validates a form with typed Chinese fields', () => {
    const label = { 'zh-Hans': '字段' };
    const form = FormDefinition.parse({ fields: [
      { code: 'idNumber', type: 'id-card', required: true, order: 1, label },
      { code: 'plate', type: 'plate', required: true, order: 2, label },
    ] });
    const id = '44030519900101123' + idCardCheckChar('44030519900101123');
    expect(validateForm(form, { idNumber: id, plate: '粤B12345' }).ok).to.equal(true);
    const bad = validateForm(form, { idNumber: id.slice(0, 17) + (id.endsWith('1') ? '2' : '1'), plate: '粤B12345' });
    expect(bad.ok).to.equal(false);
    expect(!bad.ok && bad.errors[0]?.field).to.equal('idNumber');
  });

  it('safeUrl rejects script URLs with browser URL parsing', () => {
    expect(safeUrl('\tjava\nscript:alert(1)')).to.equal(null);
    expect(safeUrl('https://good@evil.example/')).to.equal(null);
    expect(safeUrl('https://www.gov.cn/')).to.equal('https://www.gov.cn/');
  });
});
