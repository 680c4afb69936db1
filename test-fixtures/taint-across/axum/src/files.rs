pub fn read_attachment(name: &str) -> Vec<u8> {
    std::fs::read(format!("/srv/attachments/{name}")).unwrap_or_default() // drift-expect: flow file_path
}
