// Validates the data of autocomplete (type 8) and modal (type 9) interaction callbacks.
import { FormErrors } from './errors.ts';
import { clone, isRecord, isString, textLength } from './json.ts';

/** Discord lists these errors under `data.*`, as the callback body nests them there. */
export function validateChoices(data: unknown): void {
  const errors = new FormErrors();
  const choices = isRecord(data) ? data.choices : undefined;
  if (!Array.isArray(choices)) {
    errors.required(['data', 'choices']);
    errors.throwIfAny();
    return;
  }
  if (choices.length > 25) errors.maxLength(['data', 'choices'], 25);
  choices.forEach((choice: unknown, i) => {
    const path = ['data', 'choices', i];
    if (!isRecord(choice)) {
      errors.wrongType(path, 'object');
      return;
    }
    if (!isString(choice.name) || textLength(choice.name) < 1 || textLength(choice.name) > 100) {
      errors.badLength([...path, 'name'], 1, 100);
    }
    if (isString(choice.value)) {
      if (textLength(choice.value) > 100) errors.maxLength([...path, 'value'], 100);
    } else if (typeof choice.value !== 'number') {
      errors.required([...path, 'value']);
    }
  });
  errors.throwIfAny();
}

export function validateModal(data: unknown): { customId: string; components: unknown[] } {
  const errors = new FormErrors();
  if (!isRecord(data)) {
    errors.required(['data']);
    errors.throwIfAny();
    return { customId: '', components: [] };
  }
  const customId = data.custom_id;
  if (!isString(customId) || customId.length < 1 || textLength(customId) > 100) {
    errors.badLength(['data', 'custom_id'], 1, 100);
  }
  if (!isString(data.title) || textLength(data.title) < 1 || textLength(data.title) > 45) {
    errors.badLength(['data', 'title'], 1, 45);
  }
  const components = Array.isArray(data.components) ? data.components : [];
  if (components.length < 1 || components.length > 5) errors.badLength(['data', 'components'], 1, 5);
  const ids = new Set<string>();
  components.forEach((component: unknown, i) => {
    const path = ['data', 'components', i];
    if (!isRecord(component)) {
      errors.wrongType(path, 'object');
      return;
    }
    let input: unknown;
    if (component.type === 1) {
      const children = Array.isArray(component.components) ? component.components : [];
      if (children.length !== 1) errors.badLength([...path, 'components'], 1, 1);
      input = children[0];
    } else if (component.type === 18) {
      if (!isString(component.label) || textLength(component.label) < 1 || textLength(component.label) > 45) {
        errors.badLength([...path, 'label'], 1, 45);
      }
      input = component.component;
    } else if (component.type === 10) {
      return;
    } else {
      errors.add(
        [...path, 'type'],
        'UNION_TYPE_CHOICES',
        'Value of field "type" must be one of (1, 10, 18).',
      );
      return;
    }
    if (
      !isRecord(input) ||
      !isString(input.custom_id) ||
      input.custom_id.length < 1 ||
      input.custom_id.length > 100
    ) {
      errors.badLength([...path, 'components', 0, 'custom_id'], 1, 100);
      return;
    }
    if (ids.has(input.custom_id)) {
      errors.add(
        [...path, 'components', 0, 'custom_id'],
        'COMPONENT_CUSTOM_ID_DUPLICATED',
        'Component custom id cannot be duplicated',
      );
    }
    ids.add(input.custom_id);
    if (
      input.type === 4 &&
      component.type === 1 &&
      (!isString(input.label) || textLength(input.label) > 45)
    ) {
      errors.badLength([...path, 'components', 0, 'label'], 1, 45);
    }
  });
  errors.throwIfAny();
  return { customId: isString(customId) ? customId : '', components: clone(components) };
}
