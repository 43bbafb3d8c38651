//! Input preprocessing, as docutils' `string2lines`.
