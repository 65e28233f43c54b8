// @ts-check
// Small builders for the rows the live modules write, shaped exactly as the server's Razor
// components render them (Quantity, StateShareBar), so a row looks the same before and after a
// module rewrites it. Text always goes in through textContent: names come from users.
import { percent } from './format.js';

/**
 * @param {string} tag
 * @param {string} className
 * @param {(Node | string)[]} children
 * @returns {HTMLElement}
 */
export function element(tag, className, children) {
    const e = document.createElement(tag);
    if (className) {
        e.className = className;
    }
    e.append(...children);
    return e;
}

/**
 * A number and its unit, as the server's Quantity component renders them.
 * @param {string} value
 * @param {string} unit
 * @returns {HTMLElement}
 */
export function quantity(value, unit) {
    const outer = element('span', 'quantity', [element('span', 'value', [value])]);
    if (unit) {
        outer.append(element('span', 'unit', [unit]));
    }
    return outer;
}

/**
 * A table row that says there is nothing to show.
 * @param {number} columns
 * @param {string} text
 * @returns {HTMLElement}
 */
export function emptyRow(columns, text) {
    const cell = element('td', '', [text]);
    cell.setAttribute('colspan', String(columns));
    return element('tr', 'empty', [cell]);
}

/**
 * The awake / waiting / asleep bar, as the server's StateShareBar component renders it.
 * @param {number} awakeMs
 * @param {number} waitingMs
 * @param {number} asleepMs
 * @returns {HTMLElement}
 */
export function shareBar(awakeMs, waitingMs, asleepMs) {
    const total = awakeMs + waitingMs + asleepMs;
    const shares = total > 0 && Number.isFinite(total)
        ? [awakeMs / total * 100, waitingMs / total * 100, asleepMs / total * 100]
        : [0, 0, 0];
    const names = ['awake', 'waiting', 'asleep'];
    const bar = element('div', 'share-bar', names.map((name, i) => {
        const part = element('span', `share ${name}`, []);
        part.style.width = `${Math.min(Math.max(shares[i], 0), 100).toFixed(2)}%`;
        return part;
    }));
    const description = names.map((name, i) => `${name} ${percent(shares[i] / 100)} %`).join(', ');
    bar.setAttribute('role', 'img');
    bar.setAttribute('aria-label', description);
    bar.title = description;
    return bar;
}

/**
 * Sets an element's text only when it changed (no needless layout work at every snapshot).
 * @param {Element | null | undefined} target
 * @param {string} text
 */
export function setText(target, text) {
    if (target && target.textContent !== text) {
        target.textContent = text;
    }
}
