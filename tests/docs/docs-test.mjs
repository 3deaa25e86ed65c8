// Browser test of GET /docs (Swagger UI) against a live server, in Debian's Chromium driven by
// playwright-core. Run it through scripts/docs-test, which starts the server.
//
//   node tests/docs/docs-test.mjs <origin> [screenshot dir]
//
// Fails (exit 1) when the page does not render every operation of the served contract, when
// "Try it out" on GET /health/live does not show the server's answer, or on any page error,
// console error, Content-Security-Policy violation, failed request, error response, or
// request to anywhere but the server's origin.
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const LIVENESS = { tag: 'health', operationId: 'getLiveness', path: '/health/live' };

const [origin, shots = 'target/docs'] = process.argv.slice(2);
if (!origin) {
  console.error('usage: node docs-test.mjs <origin> [screenshot dir]');
  process.exit(2);
}
const { origin: serverOrigin } = new URL(origin);

const problems = [];
const problem = (text) => {
  problems.push(text);
  console.error(`docs-test: ${text}`);
};
const check = (ok, text) => {
  if (!ok) problem(text);
  return ok;
};

// What the page should show: the contract and the liveness answer, straight from the server.
const spec = await (await fetch(`${serverOrigin}/api/v1/openapi.json`)).json();
const operations = Object.values(spec.paths)
  .flatMap((item) => Object.entries(item).filter(([m]) => METHODS.includes(m)).map(([, op]) => op));
const liveness = spec.paths[LIVENESS.path].get;
const base = new URL(spec.servers[0].url, `${serverOrigin}/api/v1/openapi.json`).href;
const liveUrl = `${base}${LIVENESS.path}`;
const liveBody = await (await fetch(liveUrl)).json();

const profile = await mkdtemp(path.join(tmpdir(), 'docs-test-chromium-'));
let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
  });

  // Nothing may leave the server's origin: such requests are refused and reported.
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.origin === serverOrigin) return route.continue();
    problem(`request outside ${serverOrigin}: ${route.request().method()} ${url.href}`);
    return route.abort('blockedbyclient');
  });
  context.on('requestfailed', (request) => {
    if (new URL(request.url()).origin !== serverOrigin) return; // already reported
    problem(`request failed: ${request.method()} ${request.url()}: ${request.failure()?.errorText}`);
  });
  context.on('response', (response) => {
    if (response.status() >= 400) problem(`HTTP ${response.status()}: ${response.url()}`);
  });
  // CSP violations reach the console too; the event also catches those that would not.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
    });
  });

  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (error) => problem(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problem(`console error: ${message.text()}`);
    else if (message.type() === 'warning') console.log(`docs-test: console warning: ${message.text()}`);
  });

  const response = await page.goto(`${serverOrigin}/docs`, { waitUntil: 'load' });
  check(response?.status() === 200, `GET /docs answered ${response?.status()}`);
  check(
    (response?.headers()['content-security-policy'] ?? '').includes("default-src 'self'"),
    'GET /docs has no Content-Security-Policy with default-src \'self\'',
  );

  // Every operation of the contract is rendered.
  await page.locator('.info .title').filter({ hasText: spec.info.title }).waitFor();
  try {
    await page.waitForFunction(
      (n) => document.querySelectorAll('.opblock').length === n,
      operations.length,
    );
  } catch {
    // Reported below with the count.
  }
  const rendered = await page.locator('.opblock').count();
  check(rendered === operations.length, `${rendered} operations rendered, the contract has ${operations.length}`);
  await mkdir(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, 'docs.png') });
  const block = page.locator(`#operations-${LIVENESS.tag}-${LIVENESS.operationId}`);
  const summary = block.locator('.opblock-summary-description');
  check(await summary.isVisible() && (await summary.textContent()) === liveness.summary,
    `the summary "${liveness.summary}" of GET ${LIVENESS.path} is not shown`);

  // Try it out: GET /health/live from the page, answered by the server.
  await block.locator('.opblock-summary').first().click();
  await block.getByRole('button', { name: 'Try it out' }).click();
  await block.getByRole('button', { name: 'Execute' }).click();
  const live = block.locator('.live-responses-table');
  await live.waitFor();
  const requestUrl = (await block.locator('.request-url pre').textContent())?.trim();
  check(requestUrl === liveUrl, `Try it out called ${requestUrl}, expected ${liveUrl}`);
  const status = (await live.locator('.response .response-col_status').first().textContent())?.trim();
  check(status === '200', `Try it out shows status ${status}, expected 200`);
  const bodyText = await live.locator('.response-col_description pre').first().textContent();
  let shown;
  try {
    shown = JSON.parse(bodyText ?? '');
  } catch {
    shown = bodyText;
  }
  check(JSON.stringify(shown) === JSON.stringify(liveBody),
    `Try it out shows the body ${JSON.stringify(shown)}, the server answers ${JSON.stringify(liveBody)}`);

  await block.screenshot({ path: path.join(shots, 'try-it-out.png') });
  // Late console messages or requests still count.
  await page.waitForTimeout(500);
  console.log(`docs-test: ${rendered} operations rendered, GET ${LIVENESS.path} tried out: ${status} ${JSON.stringify(shown)}`);
} catch (error) {
  problem(`${error.name}: ${error.message.split('\n')[0]}`);
} finally {
  await context?.close();
  await rm(profile, { recursive: true, force: true });
}

if (problems.length) {
  console.error(`docs-test: FAILED (${problems.length} problem${problems.length === 1 ? '' : 's'})`);
  process.exit(1);
}
console.log(`docs-test: passed (screenshots in ${shots}/)`);
