// @ts-check
// The launch form without a reload: choosing another scenario shows its own values as the
// fields' placeholders and puts its JSON in the JSON view, unless the person edited the JSON.
// Everything still posts as a plain form; the server validates all of it.

/**
 * @param {HTMLElement} root the element with data-widget="launch"
 * @param {Record<string, string>} jsonByName each catalog scenario's JSON as written
 */
export function start(root, jsonByName) {
    const select = /** @type {HTMLSelectElement | null} */ (root.querySelector('#scenario'));
    const json = /** @type {HTMLTextAreaElement | null} */ (root.querySelector('#json'));
    if (!select) {
        return;
    }
    /** @type {Record<string, string>} placeholder by input id, from the option's data-* */
    const fields = { rate: 'rate', duration: 'duration', connections: 'connections', 'target-url': 'target' };

    select.addEventListener('change', () => {
        const option = select.selectedOptions[0];
        if (!option) {
            return;
        }
        for (const [id, key] of Object.entries(fields)) {
            const input = /** @type {HTMLInputElement | null} */ (root.querySelector(`#${id}`));
            if (input) {
                input.placeholder = option.dataset[key] ?? '';
            }
        }
        // Replace the JSON only while it still is some catalog scenario's own text.
        if (json && Object.values(jsonByName).includes(json.value) && option.value in jsonByName) {
            json.value = jsonByName[option.value];
        }
        for (const card of root.querySelectorAll('[data-scenario]')) {
            card.classList.toggle('selected', /** @type {HTMLElement} */ (card).dataset.scenario === option.value);
        }
    });
}

/**
 * The catalog's JSON texts, embedded by the server as JSON in a script element.
 * @param {HTMLElement} root
 * @returns {Record<string, string>}
 */
function readCatalog(root) {
    const data = root.querySelector('script[data-catalog-json]');
    try {
        return data?.textContent ? JSON.parse(data.textContent) : {};
    } catch {
        return {};
    }
}

const widgetRoot = /** @type {HTMLElement | null} */ (document.querySelector('[data-widget="launch"]'));
if (widgetRoot) {
    start(widgetRoot, readCatalog(widgetRoot));
}
