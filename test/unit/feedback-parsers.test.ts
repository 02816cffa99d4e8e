import { describe, expect, it } from 'vitest';

import { feedbackParserFor } from '../../src/domain/feedback/feedback-parsers.js';
import { WedeError } from '../../src/domain/wede-error.js';

import { titled } from './titled.js';

const healthcare = feedbackParserFor('healthcare');
const fire = feedbackParserFor('fire');
const security = feedbackParserFor('security');

describe('healthcare SMS text', () => {
  it.each(
    titled(
      [
        {
          text: 'stable bp 120/80 hr 88 spo2 97',
          feedback: {
            patient_condition: 'stable',
            blood_pressure: { systolic: 120, diastolic: 80 },
            heart_rate: 88,
            spo2: 97,
          },
        },
        {
          text: 'STABLE BP 120 / 80 HR 88 SPO2 97%',
          feedback: {
            patient_condition: 'stable',
            blood_pressure: { systolic: 120, diastolic: 80 },
            heart_rate: 88,
            spo2: 97,
          },
        },
        {
          text: '  Serious   b/p:135/90  pulse=110 sats 91 ',
          feedback: {
            patient_condition: 'serious',
            blood_pressure: { systolic: 135, diastolic: 90 },
            heart_rate: 110,
            spo2: 91,
          },
        },
        {
          text: 'crit bp 90 over 60 rr 28 temp 38,5c',
          feedback: {
            patient_condition: 'critical',
            blood_pressure: { systolic: 90, diastolic: 60 },
            respiratory_rate: 28,
            temperature: 38.5,
          },
        },
        { text: 'bp120/80', feedback: { blood_pressure: { systolic: 120, diastolic: 80 } } },
        { text: 'hr88 sp02 99', feedback: { heart_rate: 88, spo2: 99 } },
        { text: 'temp 37.2 °C', feedback: { temperature: 37.2 } },
        { text: 'respiratory rate 16', feedback: { respiratory_rate: 16 } },
        { text: 'DOA', feedback: { patient_condition: 'deceased' } },
        {
          text: 'stable, conscious and talking, bp 120/80',
          feedback: {
            patient_condition: 'stable',
            blood_pressure: { systolic: 120, diastolic: 80 },
            observations: 'conscious and talking',
          },
        },
        { text: 'patient walked away', feedback: { observations: 'patient walked away' } },
        { text: '', feedback: {} },
        { text: '   ', feedback: {} },
        // "stable" inside a longer word is not the condition.
        { text: 'unstable footing', feedback: { observations: 'unstable footing' } },
      ],
      (r) => `reads ${JSON.stringify(r.text)}`,
    ),
  )('%s', (_title, { text, feedback }) => {
    expect(healthcare.readText(text)).toEqual({ feedback, problems: [] });
  });

  it.each(
    titled(
      [
        { text: 'bp 400/80', problem: /400\/80 is not a possible blood pressure/ },
        { text: 'bp 80/120', problem: /80\/120 is not a possible blood pressure/ },
        { text: 'bp 120', problem: /^bp: no value understood, e\.g\. bp 120\/80$/ },
        { text: 'hr', problem: /^hr: no value understood/ },
        { text: 'hr fast', problem: /^hr: no value understood/ },
        { text: 'hr 900', problem: /heart_rate must be from 20 to 300 bpm/ },
        { text: 'spo2 140', problem: /spo2 must be from 50 to 100%/ },
        { text: 'temp 60', problem: /temperature must be from 25 to 45 °C/ },
        { text: 'stable then critical', problem: /patient_condition given more than once/ },
        // A denied value is never taken as the value itself.
        { text: 'not stable', problem: /^not stable: patient_condition must be one of/ },
        { text: 'hr 88.5', problem: /^hr 88\.5: heart_rate must be a whole number/ },
        { text: 'spo2 97,5', problem: /spo2 must be a whole number/ },
        { text: 'bp 120/80/60', problem: /^bp: no value understood/ },
      ],
      (r) => `finds a problem in ${JSON.stringify(r.text)}`,
    ),
  )('%s', (_title, { text, problem }) => {
    const reading = healthcare.readText(text);
    expect(reading.problems).toHaveLength(1);
    expect(reading.problems[0]).toMatch(problem);
  });

  it('keeps what it understood beside what it did not', () => {
    const reading = healthcare.readText('stable bp 400/80 hr 88');
    expect(reading.feedback).toEqual({ patient_condition: 'stable', heart_rate: 88 });
    expect(reading.problems).toHaveLength(1);
  });
});

describe('healthcare JSON feedback', () => {
  it('normalizes known fields and passes the others through', () => {
    expect(
      healthcare.normalize({
        patient_condition: ' Stable ',
        blood_pressure: '120/80',
        heart_rate: 88,
        observations: ' Patient responsive ',
        form_id: 'triage-7',
        extra: { nested: [1, 2] },
      }),
    ).toEqual({
      patient_condition: 'stable',
      blood_pressure: { systolic: 120, diastolic: 80 },
      heart_rate: 88,
      observations: 'Patient responsive',
      form_id: 'triage-7',
      extra: { nested: [1, 2] },
    });
  });

  it.each(
    titled(
      [
        { feedback: { blood_pressure: '300/400' }, field: 'blood_pressure' },
        { feedback: { blood_pressure: { systolic: 120 } }, field: 'blood_pressure' },
        { feedback: { blood_pressure: 120 }, field: 'blood_pressure' },
        { feedback: { blood_pressure: '120-80' }, field: 'blood_pressure' },
        { feedback: { heart_rate: '88' }, field: 'heart_rate' },
        { feedback: { heart_rate: 88.5 }, field: 'heart_rate' },
        { feedback: { heart_rate: -1 }, field: 'heart_rate' },
        { feedback: { spo2: 101 }, field: 'spo2' },
        { feedback: { patient_condition: 'fine' }, field: 'patient_condition' },
        { feedback: { patient_condition: 3 }, field: 'patient_condition' },
        { feedback: { observations: 42 }, field: 'observations' },
        { feedback: { temperature: 'warm' }, field: 'temperature' },
      ],
      (r) => `refuses ${JSON.stringify(r.feedback)} naming feedback.${r.field}`,
    ),
  )('%s', (_title, { feedback, field }) => {
    let refusal: unknown;
    try {
      healthcare.normalize(feedback);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(WedeError);
    expect((refusal as WedeError).status).toBe(400);
    expect((refusal as WedeError).details).toEqual({ field: `feedback.${field}` });
    expect((refusal as WedeError).message).toMatch(new RegExp(`^feedback\\.${field} `));
  });
});

describe('fire and security SMS text', () => {
  it.each(
    titled(
      [
        {
          parser: fire,
          text: 'contained casualties 2 hazmat',
          feedback: { fire_status: 'contained', casualties: 2, hazmat: true },
        },
        {
          parser: fire,
          text: 'OUT no hazmat units 0 roof collapsed',
          feedback: {
            fire_status: 'extinguished',
            hazmat: false,
            units_needed: 0,
            observations: 'roof collapsed',
          },
        },
        { parser: fire, text: 'false alarm', feedback: { fire_status: 'no_fire' } },
        {
          parser: security,
          text: 'threat high suspects 2 police',
          feedback: { threat_level: 'high', suspects: 2, police_required: true },
        },
        {
          parser: security,
          text: 'all clear arrests 1',
          feedback: { threat_level: 'none', arrests: 1 },
        },
        {
          parser: security,
          text: 'police not required',
          feedback: { police_required: false },
        },
        { parser: security, text: 'not police', feedback: { police_required: false } },
        { parser: fire, text: 'not hazmat', feedback: { hazmat: false } },
        { parser: fire, text: 'hazmat not needed', feedback: { hazmat: false } },
      ],
      (r) => `${r.parser.vertical} reads ${JSON.stringify(r.text)}`,
    ),
  )('%s', (_title, { parser, text, feedback }) => {
    expect(parser.readText(text)).toEqual({ feedback, problems: [] });
  });

  it('refuses an impossible count in JSON naming the field', () => {
    expect(() => fire.normalize({ casualties: -3 })).toThrow(/^feedback\.casualties /);
    expect(() => security.normalize({ police_required: 'yes' })).toThrow(
      /^feedback\.police_required must be true or false/,
    );
  });
});

describe('verticals without a parser', () => {
  it.each(['generic', 'rescue', 'utilities'])('%s keeps JSON feedback as sent', (vertical) => {
    const feedback = { blood_pressure: 'whatever', heart_rate: 'n/a', any: { thing: true } };
    expect(feedbackParserFor(vertical).normalize(feedback)).toEqual(feedback);
  });

  it('turns SMS text into notes', () => {
    expect(feedbackParserFor('rescue').readText('  cat  down from tree ')).toEqual({
      feedback: { notes: 'cat down from tree' },
      problems: [],
    });
  });
});
