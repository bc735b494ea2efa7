// A ref to the element a Fluent UI component renders. Fluent infers that element's type from
// `Required<Props>['onLostPointerCaptureCapture']`; React declares that handler `?: … | undefined`, and
// under exactOptionalPropertyTypes `Required` keeps the `undefined`, so the inference gives `never` and
// every Fluent component's `ref` is typed `Ref<never>` (microsoft/fluentui#25993). This is the one place
// that passes an element ref through that; the element is the one the component's documentation names.
import type { Ref } from 'react';

export const fluentRef = <E extends HTMLElement>(ref: Ref<E | null>): Ref<never> => ref as Ref<never>;
