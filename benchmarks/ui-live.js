// benchmarks/ui.sh's browser side for the live run page, run by Playwright's own node (the
// Browser tests' build output) driving Debian's chromium. Opens /runs/{id} of a running run and
// times, from the navigation's start, the first change of the interval figure after the page
// arrived (the circuit is up and the run's feed rendered into it). The first load of the host
// is cold; warm is the median of the next five, each a fresh browser context. The time includes
// waiting for the run's next interval, half an interval on average. Also sums what the first
// visit downloaded (compressed, headers included) over HTTP. Prints one JSON line.
'use strict';
const [, , packagePath, url] = process.argv;
const { chromium } = require(packagePath);

async function firstFigure(context) {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', e => errors.push(e.message));
    page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(url, { waitUntil: 'commit' });
    // The prerendered figure, then the time (from the navigation's start) it first changes.
    const ms = await page.evaluate(() => new Promise((resolve, reject) => {
        const read = () => document.querySelector('[data-figure=sequence]')?.textContent ?? null;
        const poll = (first) => {
            const now = read();
            if (first === null) {
                requestAnimationFrame(() => poll(now));
            } else if (now !== first) {
                resolve(performance.now());
            } else if (performance.now() > 30_000) {
                reject(new Error('no figure changed within 30 s'));
            } else {
                requestAnimationFrame(() => poll(first));
            }
        };
        poll(read());
    }));
    await page.waitForLoadState('load');
    const bytes = await page.evaluate(() => {
        const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
        return entries.reduce((sum, e) => sum + (e.transferSize || 0), 0);
    });
    await page.close();
    return { ms, bytes, errors };
}

(async () => {
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
    try {
        // A fresh context each time: nothing cached, as a first visit.
        const coldContext = await browser.newContext();
        const cold = await firstFigure(coldContext);
        await coldContext.close();
        const warm = [];
        for (let i = 0; i < 5; i++) {
            const warmContext = await browser.newContext();
            warm.push(await firstFigure(warmContext));
            await warmContext.close();
        }
        const times = warm.map(w => w.ms).sort((a, b) => a - b);
        console.log(JSON.stringify({ coldMs: cold.ms, warmMs: times[2], downloadBytes: cold.bytes, errors: [...cold.errors, ...warm.flatMap(w => w.errors)] }));
    } finally {
        await browser.close();
    }
})().catch(e => { console.error(e); process.exit(1); });
