"""The Qt-free core: model, text, tokenizer, store, formats, agreement, merge."""
