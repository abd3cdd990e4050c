// Validates message components: action rows, buttons, selects, and the Components V2 layout types.
import type { APIMessageTopLevelComponent } from 'discord-api-types/v10';
import type { ErrorPath, FormErrors } from './errors.ts';
import { optionalText, requiredText, validUrl } from './field-checks.ts';
import { isInteger, isRecord, isString, textLength, type UnknownRecord } from './json.ts';

export const COMPONENT_LIMITS = {
  actionRows: 5,
  rowWidth: 5,
  buttonLabel: 80,
  customId: 100,
  selectOptions: 25,
  v2Components: 40,
  v2Text: 4000,
} as const;

const SNOWFLAKE = /^\d{17,20}$/;

interface ComponentScan {
  customIds: Set<string>;
  total: number;
  textLength: number;
}

const ROW_CHILD_WIDTH: Readonly<Record<number, number>> = { 2: 1, 3: 5, 5: 5, 6: 5, 7: 5, 8: 5 };
const V2_TOP_LEVEL = new Set([1, 9, 10, 12, 13, 14, 17]);

export function validateComponents(
  value: unknown,
  path: ErrorPath,
  v2: boolean,
  errors: FormErrors,
): APIMessageTopLevelComponent[] {
  if (!Array.isArray(value)) {
    errors.wrongType(path, 'array');
    return [];
  }
  const scan: ComponentScan = { customIds: new Set(), total: 0, textLength: 0 };
  if (!v2 && value.length > COMPONENT_LIMITS.actionRows) errors.maxLength(path, COMPONENT_LIMITS.actionRows);
  value.forEach((component: unknown, i) => {
    const cp = [...path, i];
    if (!isRecord(component)) {
      errors.wrongType(cp, 'object');
      return;
    }
    const allowed = v2 ? V2_TOP_LEVEL : new Set([1]);
    if (!isInteger(component.type) || !allowed.has(component.type)) {
      errors.add(
        [...cp, 'type'],
        'UNION_TYPE_CHOICES',
        `Value of field "type" must be one of (${[...allowed].join(', ')}${allowed.size === 1 ? ',' : ''}).`,
      );
      return;
    }
    validateComponent(component, cp, scan, errors);
  });
  if (v2 && scan.total > COMPONENT_LIMITS.v2Components) errors.maxLength(path, COMPONENT_LIMITS.v2Components);
  if (v2 && scan.textLength > COMPONENT_LIMITS.v2Text) {
    errors.add(
      path,
      'MESSAGE_TEXT_DISPLAY_TOO_LONG',
      `Total text display length must be ${COMPONENT_LIMITS.v2Text} or fewer.`,
    );
  }
  // Validated structurally above; Discord echoes components back as sent (plus numeric ids).
  return value as APIMessageTopLevelComponent[];
}

function validateComponent(
  component: UnknownRecord,
  path: ErrorPath,
  scan: ComponentScan,
  errors: FormErrors,
): void {
  scan.total++;
  if (component.id !== undefined && !isInteger(component.id)) errors.wrongType([...path, 'id'], 'integer');
  switch (component.type) {
    case 1:
      validateActionRow(component, path, scan, errors);
      return;
    case 2:
      validateButton(component, path, scan, errors);
      return;
    case 3:
    case 5:
    case 6:
    case 7:
    case 8:
      validateSelect(component, path, scan, errors);
      return;
    case 9: {
      const children = component.components;
      if (!Array.isArray(children) || children.length < 1 || children.length > 3)
        errors.badLength([...path, 'components'], 1, 3);
      else
        children.forEach((child: unknown, i) => {
          validateChild(child, [...path, 'components', i], [10], scan, errors);
        });
      validateChild(component.accessory, [...path, 'accessory'], [2, 11], scan, errors);
      return;
    }
    case 10: {
      const content = requiredText(component, 'content', COMPONENT_LIMITS.v2Text, path, errors);
      if (content !== undefined) scan.textLength += textLength(content);
      return;
    }
    case 17: {
      const children = component.components;
      if (!Array.isArray(children)) errors.required([...path, 'components']);
      else
        children.forEach((child: unknown, i) => {
          validateChild(child, [...path, 'components', i], [1, 9, 10, 12, 13, 14], scan, errors);
        });
      return;
    }
    default:
      return;
  }
}

function validateChild(
  child: unknown,
  path: ErrorPath,
  allowed: readonly number[],
  scan: ComponentScan,
  errors: FormErrors,
): void {
  if (!isRecord(child)) {
    errors.required(path);
    return;
  }
  if (!isInteger(child.type) || !allowed.includes(child.type)) {
    errors.add(
      [...path, 'type'],
      'UNION_TYPE_CHOICES',
      `Value of field "type" must be one of (${allowed.join(', ')}).`,
    );
    return;
  }
  validateComponent(child, path, scan, errors);
}

function validateActionRow(
  row: UnknownRecord,
  path: ErrorPath,
  scan: ComponentScan,
  errors: FormErrors,
): void {
  const children = row.components;
  const cp = [...path, 'components'];
  if (!Array.isArray(children) || children.length === 0) {
    if (!Array.isArray(children)) errors.required(cp);
    else errors.badLength(cp, 1, COMPONENT_LIMITS.rowWidth);
    return;
  }
  if (children.length > COMPONENT_LIMITS.rowWidth) errors.badLength(cp, 1, COMPONENT_LIMITS.rowWidth);
  let width = 0;
  children.forEach((child: unknown, i) => {
    const ip = [...cp, i];
    if (!isRecord(child) || !isInteger(child.type) || ROW_CHILD_WIDTH[child.type] === undefined) {
      errors.add(
        [...ip, 'type'],
        'UNION_TYPE_CHOICES',
        'Value of field "type" must be one of (2, 3, 5, 6, 7, 8).',
      );
      return;
    }
    width += ROW_CHILD_WIDTH[child.type] ?? 1;
    validateComponent(child, ip, scan, errors);
  });
  if (width > COMPONENT_LIMITS.rowWidth && children.length <= COMPONENT_LIMITS.rowWidth) {
    errors.add(cp, 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', 'The specified component exceeds the maximum width');
  }
}

function validateCustomId(
  component: UnknownRecord,
  path: ErrorPath,
  scan: ComponentScan,
  errors: FormErrors,
): void {
  const id = component.custom_id;
  const ip = [...path, 'custom_id'];
  if (id === undefined || id === null) {
    errors.required(ip);
    return;
  }
  if (!isString(id)) {
    errors.wrongType(ip, 'string');
    return;
  }
  if (id.length < 1 || textLength(id) > COMPONENT_LIMITS.customId) {
    errors.badLength(ip, 1, COMPONENT_LIMITS.customId);
    return;
  }
  if (scan.customIds.has(id)) {
    errors.add(ip, 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
  }
  scan.customIds.add(id);
}

function validateButton(
  button: UnknownRecord,
  path: ErrorPath,
  scan: ComponentScan,
  errors: FormErrors,
): void {
  const style = button.style;
  if (!isInteger(style) || style < 1 || style > 6) {
    errors.add([...path, 'style'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3, 4, 5, 6}.');
    return;
  }
  const label = optionalText(button, 'label', COMPONENT_LIMITS.buttonLabel, path, errors);
  const hasEmoji = isRecord(button.emoji);
  if (style === 6) {
    if (!isString(button.sku_id) || !SNOWFLAKE.test(button.sku_id)) errors.required([...path, 'sku_id']);
    if (button.custom_id !== undefined || button.url !== undefined || label !== undefined || hasEmoji) {
      errors.add(
        path,
        'BUTTON_COMPONENT_PREMIUM_INVALID',
        'Premium buttons cannot have a custom_id, url, label or emoji.',
      );
    }
    return;
  }
  if ((label === undefined || label.length === 0) && !hasEmoji) {
    errors.add(path, 'BUTTON_COMPONENT_LABEL_OR_EMOJI_REQUIRED', 'A button must have a label or an emoji.');
  }
  if (style === 5) {
    const urlPath = [...path, 'url'];
    if (button.url === undefined || button.url === null) errors.required(urlPath);
    else if (!isString(button.url) || !validUrl(button.url, ['http:', 'https:', 'discord:'])) {
      errors.add(urlPath, 'URL_TYPE_INVALID_URL', 'Not a well formed URL.');
    } else if (button.url.length > 512) errors.maxLength(urlPath, 512);
    if (button.custom_id !== undefined && button.custom_id !== null) {
      errors.add(
        [...path, 'custom_id'],
        'BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED',
        'Link buttons cannot have a custom_id.',
      );
    }
    return;
  }
  validateCustomId(button, path, scan, errors);
  if (button.url !== undefined && button.url !== null) {
    errors.add([...path, 'url'], 'BUTTON_COMPONENT_URL_NOT_ALLOWED', 'Only link buttons can have a url.');
  }
}

function validateSelect(
  select: UnknownRecord,
  path: ErrorPath,
  scan: ComponentScan,
  errors: FormErrors,
): void {
  validateCustomId(select, path, scan, errors);
  optionalText(select, 'placeholder', 150, path, errors);
  const min = select.min_values;
  const max = select.max_values;
  if (min !== undefined && (!isInteger(min) || min < 0 || min > 25)) {
    errors.add([...path, 'min_values'], 'NUMBER_TYPE_MAX', 'int value should be between 0 and 25.');
  }
  if (max !== undefined && (!isInteger(max) || max < 1 || max > 25)) {
    errors.add([...path, 'max_values'], 'NUMBER_TYPE_MAX', 'int value should be between 1 and 25.');
  }
  if (select.type !== 3) return;
  const options = select.options;
  const op = [...path, 'options'];
  if (!Array.isArray(options) || options.length < 1 || options.length > COMPONENT_LIMITS.selectOptions) {
    errors.badLength(op, 1, COMPONENT_LIMITS.selectOptions);
    return;
  }
  if (isInteger(max) && max > options.length) {
    errors.add(
      [...path, 'max_values'],
      'SELECT_COMPONENT_MAX_VALUES_TOO_LARGE',
      'max_values must be <= the number of options.',
    );
  }
  const values = new Set<string>();
  options.forEach((option: unknown, i) => {
    const ip = [...op, i];
    if (!isRecord(option)) {
      errors.wrongType(ip, 'object');
      return;
    }
    requiredText(option, 'label', 100, ip, errors);
    const value = requiredText(option, 'value', 100, ip, errors);
    optionalText(option, 'description', 100, ip, errors);
    if (value !== undefined) {
      if (values.has(value))
        errors.add(
          [...ip, 'value'],
          'SELECT_COMPONENT_OPTION_VALUE_DUPLICATED',
          'Option values must be unique.',
        );
      values.add(value);
    }
  });
}
