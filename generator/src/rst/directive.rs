//! Directive markers, argument/option/content splitting.
