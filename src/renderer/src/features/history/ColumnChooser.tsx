// History's column chooser: a menu of the table's columns with a check for each shown one. The
// defaults are those that fit the table's width; adding columns may make the table scroll sideways.
import {
  Menu,
  MenuButton,
  MenuItemCheckbox,
  MenuList,
  MenuPopover,
  MenuTrigger,
  type MenuProps,
} from '@fluentui/react-components';
import { ColumnTripleEditRegular } from '@fluentui/react-icons';
import { useStore } from '../../store';
import { COLUMN_IDS, COLUMN_LAYOUT, type AuditColumnId } from './auditColumns';

/** `hidden`: the columns the table hides now (the agent's choice, or the defaults that fit). */
export function ColumnChooser({ hidden }: { hidden: readonly AuditColumnId[] }) {
  const setHidden = useStore((s) => s.setHistoryHiddenColumns);
  const shown = COLUMN_IDS.filter((id) => !hidden.includes(id));
  const onChange: MenuProps['onCheckedValueChange'] = (_, { checkedItems }) => {
    // The time stays: a row without its time means nothing.
    setHidden(COLUMN_IDS.filter((id) => id !== 'time' && !checkedItems.includes(id)));
  };
  return (
    <Menu checkedValues={{ columns: shown }} onCheckedValueChange={onChange}>
      <MenuTrigger disableButtonEnhancement>
        <MenuButton icon={<ColumnTripleEditRegular />}>Columns</MenuButton>
      </MenuTrigger>
      <MenuPopover>
        <MenuList aria-label="Columns to show">
          {COLUMN_IDS.map((id) => (
            <MenuItemCheckbox key={id} name="columns" value={id} disabled={id === 'time'}>
              {COLUMN_LAYOUT[id].label}
            </MenuItemCheckbox>
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
