// Lint fixture: a switch over a union must handle every member and end in `default: assertNever(…)`.
type Light = 'red' | 'amber' | 'green';
declare function assertNever(value: never, what?: string): never;

export function missingCase(light: Light): string {
  switch (light) {
    case 'red':
      return 'stop';
    case 'green':
      return 'go';
    default:
      return 'wait';
  }
}

export function noDefault(light: Light): string {
  switch (light) {
    case 'red':
      return 'stop';
    case 'amber':
      return 'wait';
    case 'green':
      return 'go';
  }
}

export function exhaustiveDefault(light: Light): string {
  switch (light) {
    case 'red':
      return 'stop';
    case 'amber':
      return 'wait';
    case 'green':
      return 'go';
    default:
      return 'unknown';
  }
}

export function endsInAssertNever(light: Light): string {
  switch (light) {
    case 'red':
      return 'stop';
    case 'amber':
      return 'wait';
    case 'green':
      return 'go';
    default:
      return assertNever(light, 'light');
  }
}
