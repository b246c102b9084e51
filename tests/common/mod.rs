pub mod inject;
pub mod quality;
