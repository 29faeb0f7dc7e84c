//! See the module above: exact Spanish and English words.
