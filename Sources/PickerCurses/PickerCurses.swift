// PickerCurses
