//! Reporters: findings and coverage rendered as text. They return strings;
//! the binary prints them.

pub mod github;
pub mod human;
pub mod json;
pub mod status;
