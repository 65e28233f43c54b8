// @ts-check
// The what-if form of the live run page (Components/WhatIfForm.razor): a plain GET form the
// server answers (?whatIf=R); this module answers it in place from
// GET /api/runs/{id}/prediction?rate=R, with the same figures and the server's own words for a
// refused rate, and keeps the address in step so a reload shows the same answer.
import { adaptive, compact, percent, MISSING } from '../format.js';
import { element, setText } from '../dom.js';
import { setPredicted } from './predictionPanel.js';

/** @typedef {import('../contracts/runs.js').WhatIfPrediction} WhatIfPrediction */

/**
 * @typedef {object} WhatIfDependencies
 * @property {(url: string) => Promise<Response>} [fetch]
 */

/**
 * The words of PredictionText.Saturated.
 * @param {number} utilization
 * @returns {string}
 */
export function saturatedText(utilization) {
    return `No steady state: at this rate the loop would need ${percent(utilization)} % of its time, so waiting grows without bound.`;
}

/**
 * The words of WhatIfForm's basis line.
 * @param {WhatIfPrediction} p
 * @returns {string}
 */
export function basisText(p) {
    return `From the run's measured service time ${adaptive(p.serviceMeanMs)} ms (Cs² ${adaptive(p.serviceCv2)}) and arrivals with Ca² ${compact(p.arrivalCv2)}.`;
}

/**
 * Shows an answer (or hides it for null).
 * @param {HTMLFormElement} form
 * @param {WhatIfPrediction | null} p
 */
export function renderWhatIf(form, p) {
    const result = /** @type {HTMLElement | null} */ (form.querySelector('[data-what-if-result]'));
    if (!result) {
        return;
    }
    result.hidden = p === null;
    setText(form.querySelector('[data-figure="what-if-rate"]'), p ? compact(p.rate) : MISSING);
    setText(form.querySelector('[data-figure="what-if-utilization"]'), p ? percent(p.utilization) : MISSING);
    setPredicted(form, 'what-if-mg1', p?.predictedMgOneMs, p !== null);
    setPredicted(form, 'what-if-kingman', p?.predictedKingmanMs, p !== null);
    const saturated = /** @type {HTMLElement | null} */ (form.querySelector('[data-what-if-saturated]'));
    if (saturated) {
        saturated.hidden = !(p && p.utilization >= 1);
        setText(saturated, p ? saturatedText(p.utilization) : '');
    }
    setText(form.querySelector('[data-what-if-basis]'), p ? basisText(p) : '');
}

/**
 * Shows the problems with the field (none: hides the list).
 * @param {HTMLFormElement} form
 * @param {string[]} messages
 */
export function renderErrors(form, messages) {
    const list = /** @type {HTMLElement | null} */ (form.querySelector('[data-errors-for="whatIf"]'));
    const input = form.querySelector('input[name="whatIf"]');
    if (list) {
        list.replaceChildren(...messages.map(m => element('li', '', [m])));
        list.hidden = messages.length === 0;
    }
    if (messages.length > 0) {
        input?.setAttribute('aria-invalid', 'true');
    } else {
        input?.removeAttribute('aria-invalid');
    }
}

/**
 * The messages of a refusal (a ValidationProblem: { title, errors: [{ path, message }] }).
 * @param {Response} response
 * @returns {Promise<string[]>}
 */
async function problemMessages(response) {
    try {
        const problem = await response.json();
        const messages = Array.isArray(problem?.errors)
            ? problem.errors.map((/** @type {any} */ e) => String(e?.message ?? '')).filter((/** @type {string} */ m) => m.length > 0)
            : [];
        if (messages.length > 0) {
            return messages;
        }
    } catch {
        // Not JSON: fall through to the status line.
    }
    return [`the server answered ${response.status} ${response.statusText}`.trim()];
}

/**
 * Answers the form in place. Returns a function that unbinds it.
 * @param {HTMLFormElement} form the element with data-what-if
 * @param {WhatIfDependencies} [dependencies]
 * @returns {() => void}
 */
export function bindWhatIf(form, dependencies = {}) {
    const get = dependencies.fetch ?? (url => fetch(url, { headers: { accept: 'application/json' } }));
    const api = form.dataset.api ?? '';
    const input = /** @type {HTMLInputElement | null} */ (form.querySelector('input[name="whatIf"]'));
    const button = /** @type {HTMLButtonElement | null} */ (form.querySelector('button[type="submit"]'));
    let asked = 0;

    /** @param {SubmitEvent} event */
    const submit = async event => {
        if (!api || !input) {
            return; // Nothing to ask: let the plain form go to the server.
        }
        event.preventDefault();
        const text = input.value;
        const question = ++asked;
        button?.setAttribute('aria-busy', 'true');
        try {
            const response = await get(`${api}?rate=${encodeURIComponent(text)}`);
            if (question !== asked) {
                return; // A newer question is on its way; its answer wins.
            }
            if (response.ok) {
                renderErrors(form, []);
                renderWhatIf(form, await response.json());
            } else {
                renderWhatIf(form, null);
                renderErrors(form, await problemMessages(response));
            }
            const address = new URL(window.location.href);
            address.searchParams.set('whatIf', text);
            address.hash = 'what-if';
            window.history.replaceState(window.history.state, '', address);
        } catch (error) {
            if (question === asked) {
                renderWhatIf(form, null);
                renderErrors(form, [`cannot reach the server: ${error instanceof Error ? error.message : String(error)}`]);
            }
        } finally {
            if (question === asked) {
                button?.removeAttribute('aria-busy');
            }
        }
    };
    form.addEventListener('submit', submit);
    return () => form.removeEventListener('submit', submit);
}
