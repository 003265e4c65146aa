import { describe, expect, it } from "vitest";
import type { FaultName } from "./faults.js";
import { ruleSet, VALIDATOR_RULE_FAULTS } from "./rule-set.js";

/**
 * What each validator-rule fault mode forgets, pinned key by key (`<ruleId>@<location>`): the
 * issues it must forgive, and the near misses it must still refuse: a prefix before the rule id,
 * another rule id or location, a two-digit index, a segment after a pattern that ends there.
 * The first key of each `forgets` is one the validator emits for a Consent broken that way.
 */
const FORGETS: Record<string, { forgets: string[]; keeps: string[] }> = {
  "accept-invalid-nhs-number": {
    forgets: ["ndop-nhs-number@Consent.patient.reference"],
    keeps: [
      "x-ndop-nhs-number@Consent.patient.reference",
      "ndop-nhs-number@Consent.consentingParty[0].reference",
      "ndop-patient-reference@Consent.patient.reference",
    ],
  },
  "accept-invalid-consenter-nhs-number": {
    forgets: [
      "ndop-nhs-number@Consent.consentingParty[0].reference",
      "ndop-nhs-number@Consent.consentingParty[10].reference",
    ],
    keeps: [
      "x-ndop-nhs-number@Consent.consentingParty[0].reference",
      "ndop-nhs-number@Consent.patient.reference",
      "ndop-patient-reference@Consent.consentingParty[0].reference",
    ],
  },
  "accept-consenter-and-proxy": {
    forgets: ["ndop-consenter-xor-proxy@Consent.consentingParty"],
    keeps: [
      "x-ndop-consenter-xor-proxy@Consent.consentingParty",
      "profile-max@Consent.consentingParty",
      "ndop-proxy-role@Consent.extension[1]",
    ],
  },
  "accept-any-status": {
    forgets: ["ndop-status@Consent.status"],
    keeps: ["x-ndop-status@Consent.status", "base-required@Consent.status"],
  },
  "accept-date-without-time": {
    forgets: ["ndop-datetime@Consent.dateTime"],
    keeps: ["x-ndop-datetime@Consent.dateTime", "profile-min@Consent.dateTime"],
  },
  "accept-wrong-purpose": {
    forgets: [
      "profile-fixed@Consent.purpose[0].system",
      "profile-fixed@Consent.purpose[0].code",
      "profile-fixed@Consent.purpose[10].code",
    ],
    keeps: [
      "x-profile-fixed@Consent.purpose[0].code",
      "profile-min@Consent.purpose[0].display",
      "profile-fixed@Consent.organization[0].reference",
    ],
  },
  "accept-any-custodian": {
    forgets: [
      "ndop-custodian@Consent.organization[0].reference",
      "profile-fixed@Consent.organization[0].reference",
      "ndop-custodian@Consent.organization[10].reference",
      "profile-fixed@Consent.organization[10].reference",
    ],
    keeps: [
      "x-ndop-custodian@Consent.organization[0].reference",
      "ndop-custodian@Consent.organization[0].reference.extension[0]",
      "profile-fixed@Consent.organization[0].display",
      "profile-min@Consent.organization",
    ],
  },
  "accept-other-meta-profile": {
    forgets: ["ndop-meta-profile@Consent.meta.profile"],
    keeps: ["x-ndop-meta-profile@Consent.meta.profile", "profile-unknown@Consent.meta.profile"],
  },
  "accept-missing-optout-source": {
    forgets: ["profile-min@Consent.extension"],
    keeps: [
      "x-profile-min@Consent.extension",
      "profile-min@Consent.extension[0].valueCodeableConcept",
      "profile-max@Consent.extension",
    ],
  },
  "accept-unknown-optout-source": {
    forgets: [
      "profile-binding@Consent.extension[0].valueCodeableConcept",
      "profile-fixed@Consent.extension[0].valueCodeableConcept.coding[0].system",
      "profile-binding@Consent.extension[10].valueCodeableConcept",
    ],
    keeps: [
      "x-profile-binding@Consent.extension[0].valueCodeableConcept",
      "profile-binding@Consent.extension[1].extension[0].valueCodeableConcept",
      "profile-min@Consent.extension[0].valueCodeableConcept.coding[0].display",
      "profile-binding@Consent.extension.valueCodeableConcept",
    ],
  },
  "accept-loose-optout-source": {
    forgets: [
      "profile-min@Consent.extension[0].valueCodeableConcept.coding[0].display",
      "profile-min@Consent.extension[0].valueCodeableConcept",
      "profile-max@Consent.extension[10].valueCodeableConcept.coding",
      "profile-forbidden@Consent.extension[0].valueCodeableConcept.text",
    ],
    keeps: [
      "x-profile-min@Consent.extension[0].valueCodeableConcept",
      "profile-binding@Consent.extension[0].valueCodeableConcept",
      "profile-min@Consent.extension",
    ],
  },
  "accept-proxy-without-valid-role": {
    forgets: [
      "ndop-proxy-role@Consent.extension[1]",
      "profile-min@Consent.extension[1].extension",
      "profile-binding@Consent.extension[1].extension[0].valueCodeableConcept",
      "ndop-proxy-role@Consent.extension[10]",
      "profile-min@Consent.extension[10].extension",
      "profile-binding@Consent.extension[10].extension[0].valueCodeableConcept",
    ],
    keeps: [
      "x-ndop-proxy-role@Consent.extension[1]",
      "x-profile-min@Consent.extension[1].extension",
      "ndop-proxy-role@Consent.extension[1].url",
      "profile-min@Consent.extension[1].extension[0].valueCodeableConcept",
      "profile-min@Consent.extension",
      "inv-ext-1@Consent.extension[1]",
    ],
  },
  "accept-proxy-value": {
    forgets: [
      "inv-ext-1@Consent.extension[1]",
      "profile-forbidden@Consent.extension[1].valueString",
      "inv-ext-1@Consent.extension[10]",
      "profile-forbidden@Consent.extension[10].valueCodeableConcept",
    ],
    keeps: [
      "x-inv-ext-1@Consent.extension[1]",
      "inv-ext-1@Consent.extension[1].extension[0]",
      "profile-forbidden@Consent.extension[1].valueString.extension[0]",
      "profile-forbidden@Consent.patient.display",
      "ndop-proxy-role@Consent.extension[1]",
    ],
  },
  "accept-loose-identifier": {
    forgets: ["base-datatype@Consent.identifier.system", "profile-min@Consent.identifier.value"],
    keeps: ["base-datatype@Consent.dateTime"],
  },
  "accept-missing-status": {
    forgets: ["base-required@Consent.status", "profile-min@Consent.status"],
    keeps: [
      "x-base-required@Consent.status",
      "x-profile-min@Consent.status",
      "profile-min@Consent.status.extension",
      "ndop-status@Consent.status",
    ],
  },
  "accept-many-categories": {
    forgets: ["profile-max@Consent.category", "profile-fixed@Consent.category[0].coding[0].code"],
    keeps: ["profile-max@Consent.consentingParty"],
  },
  "accept-non-pds-patient": {
    forgets: [
      "ndop-patient-reference@Consent.patient.reference",
      "ndop-patient-reference@Consent.consentingParty[0].reference",
    ],
    keeps: [
      "x-ndop-patient-reference@Consent.patient.reference",
      "ndop-nhs-number@Consent.patient.reference",
    ],
  },
  "accept-patient-display": {
    forgets: ["profile-forbidden@Consent.patient.display"],
    keeps: [
      "x-profile-forbidden@Consent.patient.display",
      "profile-forbidden@Consent.period",
      "profile-forbidden@Consent.patient",
    ],
  },
  "accept-forbidden-elements": {
    forgets: [
      "profile-forbidden@Consent.period",
      "profile-forbidden@Consent.sourceAttachment",
      "profile-forbidden@Consent.except",
      "profile-forbidden@Consent.actor",
      "profile-forbidden@Consent.action",
      "profile-forbidden@Consent.source",
      "profile-forbidden@Consent.sourceReference",
      "profile-forbidden@Consent.policyRule",
      "profile-forbidden@Consent.securityLabel",
      "profile-forbidden@Consent.dataPeriod",
      "profile-forbidden@Consent.data",
      "base-unknown-element@Consent.sourceAttachment",
    ],
    keeps: [
      "x-profile-forbidden@Consent.period",
      "profile-forbidden@Consent.period.start",
      "profile-forbidden@Consent.patient.display",
      "profile-max@Consent.period",
    ],
  },
  "accept-missing-datetime": {
    forgets: ["profile-min@Consent.dateTime"],
    keeps: [
      "x-profile-min@Consent.dateTime",
      "profile-min@Consent.dateTime.extension",
      "ndop-datetime@Consent.dateTime",
    ],
  },
  "accept-many-consenting-parties": {
    forgets: ["profile-max@Consent.consentingParty"],
    keeps: [
      "x-profile-max@Consent.consentingParty",
      "profile-max@Consent.consentingParty[0].reference",
      "ndop-consenter-xor-proxy@Consent.consentingParty",
    ],
  },
  "accept-loose-organization": {
    forgets: [
      "profile-min@Consent.organization",
      "profile-max@Consent.organization",
      "profile-forbidden@Consent.organization[0].display",
    ],
    keeps: [
      "x-profile-min@Consent.organization",
      "profile-fixed@Consent.organization[0].reference",
    ],
  },
  "accept-loose-policy": {
    forgets: ["profile-min@Consent.policy", "inv-ppc-1@Consent", "profile-max@Consent.policy"],
    keeps: [
      "x-profile-min@Consent.policy",
      "x-inv-ppc-1@Consent",
      "inv-ppc-1@Consent.policy",
      "profile-fixed@Consent.policy",
    ],
  },
  "accept-loose-purpose": {
    forgets: ["profile-min@Consent.purpose", "profile-min@Consent.purpose[0].display"],
    keeps: ["x-profile-min@Consent.purpose", "profile-fixed@Consent.purpose[0].code"],
  },
};

/** The issue of a key: the rule id before the first "@", the location after it. */
function issueOf(key: string) {
  const at = key.indexOf("@");
  return { ruleId: key.slice(0, at), location: key.slice(at + 1) };
}

describe("the validator issues each rule-forgetting fault mode forgets", () => {
  it("are pinned for every such fault mode", () => {
    expect(Object.keys(FORGETS).sort()).toEqual([...VALIDATOR_RULE_FAULTS].sort());
  });

  it.each(Object.entries(FORGETS))(
    "%s forgives its issues and nothing near them",
    (fault, keys) => {
      const name = fault as FaultName;
      const rules = ruleSet([name]);
      const judged = (list: string[]) => list.map((key) => [key, rules.refusesWith(issueOf(key))]);
      expect(judged(keys.forgets)).toEqual(keys.forgets.map((key) => [key, false]));
      expect(judged(keys.keeps)).toEqual(keys.keeps.map((key) => [key, true]));
      // Without the fault, every one of them refuses.
      const all = [...keys.forgets, ...keys.keeps];
      expect(all.filter((key) => !ruleSet([]).refusesWith(issueOf(key)))).toEqual([]);
    },
  );
});
