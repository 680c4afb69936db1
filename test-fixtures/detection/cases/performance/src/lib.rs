use std::time::Duration;

pub async fn poll(client: &Client) -> Result<(), Error> { // expect-pattern: performance/blocking-call-in-async
    std::thread::sleep(Duration::from_secs(1));
    client.ping().await
}

pub async fn load(path: &str) -> Result<String, Error> { // expect-no-pattern: performance/blocking-call-in-async
    let text = tokio::fs::read_to_string(path).await?;
    Ok(text)
}

pub async fn fetch_all(urls: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    // expect-pattern: performance/await-in-loop
    for url in urls {
        out.push(get(url).await);
    }
    out
}
