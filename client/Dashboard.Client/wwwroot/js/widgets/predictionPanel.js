// @ts-check
// The live run page's prediction figures: the latest interval's arrivals, service time,
// utilization, measured mean waiting and what M/G/1 and Kingman predict, written into the
// elements the server rendered (Components/PredictionPanel.razor, PredictedWait.razor).
import { adaptive, percent, MISSING } from '../format.js';
import { element, quantity, setText } from '../dom.js';

/** @typedef {import('../contracts/runs.js').WaitingPrediction} WaitingPrediction */

/** As PredictionText.NoSteadyState: what a null prediction means (utilization ≥ 1). */
export const NO_STEADY_STATE = 'no steady state';

/**
 * The content of a PredictedWait element: "0.43 ms", "no steady state" (known but null) or "— ms".
 * @param {number | null | undefined} valueMs
 * @param {boolean} known whether a prediction exists at all
 * @returns {HTMLElement}
 */
export function predictedWait(valueMs, known) {
    if (typeof valueMs === 'number' && Number.isFinite(valueMs)) {
        return quantity(adaptive(valueMs), 'ms');
    }
    return known ? element('span', 'no-steady-state', [NO_STEADY_STATE]) : quantity(MISSING, 'ms');
}

/**
 * Rewrites a PredictedWait element's content, only when its text changes.
 * @param {ParentNode} scope
 * @param {string} name the element's data-predicted
 * @param {number | null | undefined} valueMs
 * @param {boolean} known
 */
export function setPredicted(scope, name, valueMs, known) {
    const host = scope.querySelector(`[data-predicted="${name}"]`);
    if (!host) {
        return;
    }
    const next = predictedWait(valueMs, known);
    if (host.textContent !== next.textContent) {
        host.replaceChildren(next);
    }
}

/**
 * Writes the latest interval's prediction into the panel.
 * @param {Element | null} panel the element with data-prediction
 * @param {WaitingPrediction | null | undefined} prediction null before an interval in which requests completed
 */
export function renderPrediction(panel, prediction) {
    if (!panel) {
        return;
    }
    const p = prediction ?? null;
    /** @type {Record<string, string>} */
    const text = {
        'prediction-rate': p ? adaptive(p.arrivalsPerSecond) : MISSING,
        'prediction-service': p ? adaptive(p.serviceMeanMs) : MISSING,
        'prediction-cv2': p ? adaptive(p.serviceCv2) : MISSING,
        'prediction-utilization': p ? percent(p.utilization) : MISSING,
        'prediction-measured': p ? adaptive(p.measuredMeanMs) : MISSING,
    };
    for (const [name, value] of Object.entries(text)) {
        setText(panel.querySelector(`[data-figure="${name}"]`), value);
    }
    setPredicted(panel, 'prediction-mg1', p?.predictedMgOneMs, p !== null);
    setPredicted(panel, 'prediction-kingman', p?.predictedKingmanMs, p !== null);
}
