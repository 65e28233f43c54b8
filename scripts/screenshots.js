// The README's screenshots (scripts/screenshots.sh starts the host and runs this).
const { chromium } = require(process.env.PLAYWRIGHT_PACKAGE);

const base = process.env.BASE;
const out = process.env.OUT;

async function start(scenario) {
    const response = await fetch(`${base}/api/runs?scenario=${scenario}`, { method: 'POST' });
    if (!response.ok) {
        throw new Error(`starting ${scenario}: ${response.status} ${await response.text()}`);
    }
    return (await response.json()).id;
}

async function ended(id) {
    for (let i = 0; i < 600; i++) {
        const run = (await (await fetch(`${base}/api/runs/${id}`)).json()).run;
        if (run.status !== 'Running') {
            return;
        }
        await new Promise(resolve => setTimeout(resolve, 250));
    }
    throw new Error(`run ${id} did not end within 150 s`);
}

(async () => {
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
    try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });

        const blocker = await start('blocker');
        await page.goto(`${base}/runs/${blocker}`);
        await page.waitForFunction(
            () => Number.parseFloat(document.querySelector('[data-figure=elapsed]')?.textContent ?? '0') >= 12,
            null,
            { timeout: 60_000 });
        await page.waitForTimeout(600);
        await page.screenshot({ path: `${out}/live-run.png` });
        await ended(blocker);

        const ioBound = await start('io-bound');
        await ended(ioBound);
        await page.goto(`${base}/compare?a=${ioBound}&b=${blocker}`);
        await page.locator('.page.compare[data-interactive]').waitFor();
        await page.locator('[data-chart=compare-latency] canvas').waitFor();
        await page.waitForTimeout(600);
        // The two runs, their key figures and the start of the charts: scroll past the history list.
        await page.locator('.compare-runs-pair').scrollIntoViewIfNeeded();
        await page.evaluate(() => window.scrollTo(0, document.querySelector('.compare-runs-pair').getBoundingClientRect().top + window.scrollY - 16));
        await page.screenshot({ path: `${out}/compare.png` });
    } finally {
        await browser.close();
    }
})().catch(error => {
    console.error(error);
    process.exit(1);
});
