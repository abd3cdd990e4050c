// What a model could answer for the harbor-bridge page (test/intake/site/harbor-bridge.html): a draft
// grounded in it, and variants that break the schema or invent names and numbers.
import type { ModelDraft } from '../../src/intake/model-draft-schema.ts';

/** A draft that fits the schema and states only what the page states. */
export function harborDraft(): ModelDraft {
  return {
    audience: ['City engineers', 'Open data users'],
    hook: 'Harbor City’s 1962 bridge now reports its own strain every ten seconds.',
    tldr: {
      whatChanged:
        'Harbor City fitted the Harbor Street bridge with 240 sensors that report every ten seconds.',
      whyItMatters: 'Engineers see stress build up long before a crack is visible, instead of once a year.',
      whatToDoNext: 'Follow the hourly summary the city will publish as open data.',
    },
    takeaways: [
      'The 240 sensors report strain and temperature every ten seconds.',
      'The network cost 1.8 million euros, less than one week of lane closures.',
    ],
    comparison: {
      columns: ['Aspect', 'Before', 'Now'],
      rows: [
        ['Inspection', 'Once a year', 'Every ten seconds'],
        ['Data', 'A notebook', 'Open data'],
      ],
    },
    deepDive: [
      'Gauges on the girders send their readings over a LoRaWAN radio network to a gateway on each tower, and a computer model raises an alarm when a girder bends too far.',
    ],
    implications: [
      {
        claim: 'Other cities may follow.',
        rationale: 'Other cities in the region have already asked for the tender documents.',
      },
    ],
    timeline: [
      { date: '2025-09', event: 'The council approved the project.' },
      { date: '2026-05-14', event: 'The network went live.' },
    ],
    reading: [
      {
        text: 'Harbor City has fitted the Harbor Street bridge with 240 sensors that report strain and temperature every ten seconds.',
        entities: [
          { type: 'location', name: 'Harbor City' },
          { type: 'location', name: 'Harbor Street' },
        ],
      },
      {
        text: 'The bridge opened in 1962 and carries about 31,000 vehicles a day between the old port and the northern districts.',
        entities: [],
      },
      {
        text: 'The new gauges were made by Northbay Instruments, a firm based in Port Alder, and they send their readings over a LoRaWAN radio network to a gateway on each tower.',
        entities: [
          { type: 'org', name: 'Northbay Instruments' },
          { type: 'location', name: 'Port Alder' },
          { type: 'tech', name: 'lorawan' },
        ],
      },
      {
        text: '"We will see stress building up long before a crack is visible," said Tomas Berg, the chief bridge engineer of the Port Authority.',
        entities: [
          { type: 'person', name: 'Tomas Berg' },
          { type: 'org', name: 'Port Authority' },
        ],
      },
      {
        text: "The council approved the project in September 2025 after a survey found corrosion on three of the bridge's twelve bearings.",
        entities: [{ type: 'concept', name: 'corrosion' }],
      },
      {
        text: 'The sensor network cost 1.8 million euros, less than the city loses in a single week of lane closures during a traditional inspection.',
        entities: [{ type: 'concept', name: 'lane closures' }],
      },
    ],
    questions: [
      {
        prompt: 'How often do the new sensors on the Harbor Street bridge report?',
        choices: [
          { text: 'Every ten seconds', correct: true },
          { text: 'Once an hour', correct: false },
          { text: 'Once a year', correct: false },
        ],
        explanation: 'The article says the 240 sensors report strain and temperature every ten seconds.',
      },
      {
        prompt: 'Who made the new gauges?',
        choices: [
          { text: 'Northbay Instruments', correct: true },
          { text: 'The Port Authority', correct: false },
          { text: 'The city council', correct: false },
        ],
        explanation: 'The gauges were made by Northbay Instruments, a firm based in Port Alder.',
      },
    ],
  };
}

/** The same draft breaking the schema twice over: two correct choices, and a hook far too long. */
export function invalidHarborDraft(): ModelDraft {
  const draft = harborDraft();
  draft.hook = 'A bridge that talks. '.repeat(20);
  const [first] = draft.questions;
  if (first) first.choices = first.choices.map((choice) => ({ ...choice, correct: true }));
  return draft;
}

/** The same draft with names, numbers, dates and quotes the page does not have. */
export function inventedHarborDraft(): ModelDraft {
  const draft = harborDraft();
  draft.hook = 'Siemens wires Oslo’s oldest bridge with 500 sensors.';
  draft.tldr.whyItMatters = 'It follows a 2019 collapse in Genoa that killed 43 people.';
  draft.takeaways.push('Siemens supplied the gateways for 2 million euros.');
  draft.timeline.push({ date: '2026-07-01', event: 'The first public data set is due.' });
  const [first, , , , fifth] = draft.reading;
  if (first) first.entities.push({ type: 'org', name: 'Siemens' });
  if (fifth) fifth.text = 'The council approved the project in 2025 after a survey found corrosion.';
  draft.questions.push(
    {
      prompt: 'Which company supplied the gateways?',
      choices: [
        { text: 'Siemens', correct: true },
        { text: 'Bosch', correct: false },
      ],
      explanation: 'Siemens supplied the gateways.',
    },
    {
      prompt: 'How much does a sensor cost?',
      choices: [
        { text: 'About 7,500 euros each', correct: true },
        { text: 'About 100 euros each', correct: false },
      ],
      explanation: 'The article gives the network’s cost.',
    },
  );
  return draft;
}
