// The look both virtualized tables of the Registration screen share (users, password age): a bordered
// scroller, fixed-height grid rows placed by translateY, a sticky header. Each table adds its columns.
import { tokens, type GriffelStyle } from '@fluentui/react-components';

/** Every row has this height: the virtualizer's estimate is exact, so it never re-anchors the scroll. */
export const ROW_HEIGHT = 44;

export const scrollerStyle: GriffelStyle = {
  height: 'min(32rem, 60vh)',
  overflow: 'auto',
  border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  borderRadius: tokens.borderRadiusMedium,
  contain: 'strict',
};

/** A row laid out on `gridTemplateColumns`. */
export const rowStyle = (gridTemplateColumns: string): GriffelStyle => ({
  display: 'grid',
  gridTemplateColumns,
  alignItems: 'center',
  height: `${ROW_HEIGHT}px`,
  boxSizing: 'border-box',
  borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
  paddingInline: tokens.spacingHorizontalS,
  columnGap: tokens.spacingHorizontalS,
});

export const bodyRowStyle: GriffelStyle = { position: 'absolute', top: 0, left: 0, right: 0 };

export const headStyle: GriffelStyle = {
  position: 'sticky',
  top: 0,
  zIndex: 1,
  backgroundColor: tokens.colorNeutralBackground2,
  fontWeight: tokens.fontWeightSemibold,
};

export const cellStyle: GriffelStyle = {
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  whiteSpace: 'nowrap',
  minWidth: 0,
};
export const stackStyle: GriffelStyle = {
  display: 'flex',
  flexDirection: 'column',
  lineHeight: tokens.lineHeightBase200,
};
export const mutedStyle: GriffelStyle = { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 };
