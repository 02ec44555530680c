// PickerCore
