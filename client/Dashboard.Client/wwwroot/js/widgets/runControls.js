// @ts-check
// The live run page's Stop button and rate / users change, over the hub instead of a page
// reload (the same forms post to the server when JavaScript is off). The server's words
// answer a refused change, next to the field.
import { hubMessage } from '../live/runsHub.js';
import { compact, count } from '../format.js';
import { setText } from '../dom.js';

/** @typedef {import('../contracts/runs.js').RunInfo} RunInfo */
/** @typedef {import('./runState.js').RunState} RunState */

/**
 * @typedef {object} RunActions
 * @property {() => Promise<RunInfo>} stop
 * @property {(change: { rate?: number, users?: number }) => Promise<RunInfo>} change
 */

/**
 * @param {HTMLElement} root
 * @param {RunActions} actions
 * @returns {{ update: (state: RunState) => void }}
 */
export function bindControls(root, actions) {
    const stopForm = /** @type {HTMLFormElement | null} */ (root.querySelector('form[data-control="stop"]'));
    const changeForm = /** @type {HTMLFormElement | null} */ (root.querySelector('form[data-control="change"]'));
    const message = root.querySelector('[data-control-message]');
    const errors = root.querySelector('[data-errors-for="change"]');
    let stopping = false;
    let running = true;

    /** @param {string} text @param {boolean} isError */
    const say = (text, isError) => {
        setText(message, text);
        message?.classList.toggle('error', isError);
        errors?.remove();
    };

    stopForm?.addEventListener('submit', async event => {
        event.preventDefault();
        stopping = true;
        setDisabled(stopForm, true);
        say('stopping…', false);
        try {
            await actions.stop();
        } catch (error) {
            stopping = false;
            setDisabled(stopForm, !running);
            say(hubMessage(error), true);
        }
    });

    changeForm?.addEventListener('submit', async event => {
        event.preventDefault();
        const field = /** @type {HTMLElement | null} */ (changeForm.querySelector('[data-change]:not([hidden])'));
        const name = field?.dataset.change === 'users' ? 'users' : 'rate';
        const input = /** @type {HTMLInputElement | null} */ (field?.querySelector('input') ?? null);
        const text = input?.value.trim() ?? '';
        const value = Number(text);
        if (text === '' || !Number.isFinite(value)) {
            say(`${name}: expected a number, got '${text}'`, true);
            return;
        }
        try {
            await actions.change(name === 'users' ? { users: value } : { rate: value });
            say(name === 'users' ? `applied: ${count(value)} users` : `applied: ${compact(value)} requests/s`, false);
            if (input) {
                input.value = '';
            }
        } catch (error) {
            say(hubMessage(error), true);
        }
    });

    return {
        update(state) {
            running = state.running;
            setDisabled(stopForm, !running || stopping);
            setDisabled(changeForm, !running);
            if (!running) {
                setText(message, '');
            }
            const latest = state.latest;
            if (latest && changeForm) {
                const usersMode = latest.targetRate == null && latest.targetUsers != null;
                for (const f of changeForm.querySelectorAll('[data-change]')) {
                    const e = /** @type {HTMLElement} */ (f);
                    e.hidden = (e.dataset.change === 'users') !== usersMode;
                }
                const input = /** @type {HTMLInputElement | null} */ (changeForm.querySelector(usersMode ? '#change-users' : '#change-rate'));
                const placeholder = usersMode ? (latest.targetUsers != null ? count(latest.targetUsers) : '') : (latest.targetRate != null ? compact(latest.targetRate) : '');
                if (input && input.placeholder !== placeholder) {
                    input.placeholder = placeholder;
                }
            }
        },
    };
}

/**
 * @param {HTMLFormElement | null} form
 * @param {boolean} disabled
 */
function setDisabled(form, disabled) {
    if (!form) {
        return;
    }
    for (const control of form.querySelectorAll('button, input')) {
        /** @type {HTMLButtonElement | HTMLInputElement} */ (control).disabled = disabled;
    }
}
