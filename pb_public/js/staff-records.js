// Staff records' words and values shared by the managers' screens
// (/manage/tests, /manage/incidents) and the resident's (/my-records):
// the selects of drug_tests and incidents (docs/API.md, "Staff records")
// and their names in plain, unshaming words (js/i18n/screens.*.js, staff.*).
import { t } from './i18n.js';

export const TEST_RESULTS = ['negative', 'positive', 'dilute', 'invalid', 'refused', 'pending'];
export const TEST_METHODS = ['urine', 'saliva', 'breath', 'other'];
export const SUBSTANCES = ['alcohol', 'opioids', 'fentanyl', 'cocaine', 'amphetamines', 'benzodiazepines', 'cannabis', 'other'];
export const INCIDENT_KINDS = ['overdose', 'use_on_property', 'relapse', 'violence', 'threat', 'property_damage',
  'emergency_services', 'medical', 'rule_violation', 'other'];
export const SEVERITIES = ['minor', 'serious', 'critical'];

export const resultName = (v) => t('staff.result.' + v);
export const methodName = (v) => t('staff.method.' + v);
export const substanceName = (v) => t('staff.substance.' + v);
export const kindName = (v) => t('staff.kind.' + v);
export const severityName = (v) => t('staff.severity.' + v);

// substancesOf: a test's substances as a list, whatever the server sent.
export function substancesOf(test) {
  return Array.isArray(test.substances) ? test.substances : [];
}
