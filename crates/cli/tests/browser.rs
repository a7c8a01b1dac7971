//! The web app in headless Chromium (Debian's `chromium` and `chromium-driver`),
//! driven over WebDriver with fantoccini: the demo corpus is added to a fresh
//! archive, `crosscheck serve` serves it, and the browser reads the story list,
//! a story (conflicts, timeline), an evidence link, search, and adds articles
//! through the form. Skipped with a message when the browser or its driver is
//! missing, unless `CROSSCHECK_REQUIRE_BROWSER=1`.

use std::io::{BufRead, BufReader};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

const TOKEN: &str = "browser-test-token";

/// Kills a child process when the test ends, however it ends.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The first of `names` found on PATH.
fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    names.iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    })
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Waits until something accepts connections on `port` (the driver starting).
fn wait_for_port(port: u16, child: &mut Child) {
    for _ in 0..600 {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("chromedriver exited before listening: {status}");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("chromedriver never listened on port {port}");
}

/// `crosscheck add` the demo, then `crosscheck serve` it on a free port.
fn start_server(store: &Path) -> (Killed, SocketAddr) {
    let bin = env!("CARGO_BIN_EXE_crosscheck");
    let added = Command::new(bin)
        .args(["add", "--threads", "2", "--store"])
        .arg(store)
        .arg(workspace().join("demo/lake-orin"))
        .output()
        .unwrap();
    assert!(
        added.status.success(),
        "crosscheck add: {}",
        String::from_utf8_lossy(&added.stderr)
    );
    let mut child = Command::new(bin)
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--threads",
            "2",
            "--store",
        ])
        .arg(store)
        .env("CROSSCHECK_TOKEN", TOKEN)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut lines = BufReader::new(stderr).lines();
    let address = loop {
        let line = lines
            .next()
            .expect("crosscheck serve ended before it listened")
            .unwrap();
        if let Some(rest) = line.split("on http://").nth(1) {
            break rest
                .split('/')
                .next()
                .unwrap()
                .parse::<SocketAddr>()
                .unwrap();
        }
    };
    // Keep draining stderr so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    (Killed(child), address)
}

async fn browser(driver_port: u16, chromium: &Path, profile: &Path) -> Client {
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": chromium,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1200,1600",
                format!("--user-data-dir={}", profile.display()),
            ]
        }),
    );
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities)
        .connect(&format!("http://127.0.0.1:{driver_port}"))
        .await
        .expect("connect to chromedriver")
}

/// The articles count of a story row in the story list.
async fn story_articles(client: &Client, base: &str, story_href: &str) -> u64 {
    client.goto(&format!("{base}/")).await.unwrap();
    for row in client.find_all(Locator::Css("tr.story-row")).await.unwrap() {
        let link = row.find(Locator::Css("a")).await.unwrap();
        if link.attr("href").await.unwrap().as_deref() == Some(story_href) {
            let count = row
                .find(Locator::Css("td.articles"))
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            return count.trim().parse().unwrap();
        }
    }
    panic!("story {story_href} is not in the story list");
}

/// Fills and submits the add form with one pasted article; returns the result page's text.
async fn add_through_form(
    client: &Client,
    base: &str,
    title: &str,
    source: &str,
    text: &str,
) -> String {
    client.goto(&format!("{base}/add")).await.unwrap();
    let form = client.form(Locator::Css("form.add")).await.unwrap();
    form.set_by_name("title", title).await.unwrap();
    form.set_by_name("source", source).await.unwrap();
    form.set_by_name("text", text).await.unwrap();
    form.set_by_name("token", TOKEN).await.unwrap();
    form.submit().await.unwrap();
    client
        .wait()
        .for_element(Locator::Css("p.outcome"))
        .await
        .unwrap();
    client
        .find(Locator::Css("main"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

#[test]
fn the_web_app_in_chromium() {
    let required = std::env::var("CROSSCHECK_REQUIRE_BROWSER").is_ok_and(|v| v == "1");
    let chromium = find_program(&["chromium", "chromium-browser"]);
    let driver = find_program(&["chromedriver"]);
    let (Some(chromium), Some(driver)) = (chromium, driver) else {
        assert!(
            !required,
            "CROSSCHECK_REQUIRE_BROWSER=1 but chromium or chromedriver is missing"
        );
        eprintln!("skipped the browser test: install chromium and chromium-driver");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (_server, address) = start_server(&dir.path().join("archive.sqlite"));
    let base = format!("http://{address}");

    let port = free_port();
    let mut chromedriver = Command::new(&driver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for_port(port, &mut chromedriver);
    let _chromedriver = Killed(chromedriver);

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let client = browser(port, &chromium, &dir.path().join("profile")).await;
        let outcome = scenario(&client, &base).await;
        let _ = client.close().await;
        outcome
    });
}

async fn scenario(client: &Client, base: &str) {
    // The story list: the demo's story, with its counts.
    client.goto(&format!("{base}/")).await.unwrap();
    let first = client
        .find(Locator::Css("tr.story-row a"))
        .await
        .expect("a story in the list");
    let story_href = first.attr("href").await.unwrap().unwrap();
    let before = story_articles(client, base, &story_href).await;
    assert!(before >= 2, "the demo story has several articles");

    // The story: conflicts and the timeline (its chart and its list).
    client.goto(&format!("{base}{story_href}")).await.unwrap();
    let page = client
        .find(Locator::Css("main"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Conflicts"), "the story shows its conflicts");
    assert!(
        !client
            .find_all(Locator::Css("div.conflict"))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(page.contains("Timeline"));
    client
        .find(Locator::Css("svg.chart"))
        .await
        .expect("the timeline chart");
    assert!(
        !client
            .find_all(Locator::Css("ol.timeline li"))
            .await
            .unwrap()
            .is_empty()
    );
    let png = client.screenshot().await.unwrap();
    std::fs::write(std::env::temp_dir().join("crosscheck-story.png"), png).unwrap();

    // An evidence link lands on the highlighted sentence of its article.
    let link = client
        .find(Locator::Css("ul.evidence a[href*='#s-']"))
        .await
        .expect("an evidence link");
    let href = link.attr("href").await.unwrap().unwrap();
    let sentence = href.split('#').nth(1).unwrap().to_string();
    link.click().await.unwrap();
    let url = client.current_url().await.unwrap();
    assert!(url.path().starts_with("/articles/"), "{url}");
    assert_eq!(url.fragment(), Some(sentence.as_str()));
    let target = client
        .execute(
            "const t = document.querySelector(':target'); \
             return t ? [t.id, t.className, getComputedStyle(t).backgroundColor] : null;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        target[0],
        sentence.as_str(),
        "the linked sentence is the page's target"
    );
    assert!(target[1].as_str().unwrap().contains("evidence"));
    let background = target[2].as_str().unwrap();
    assert!(
        background != "rgba(0, 0, 0, 0)" && background != "transparent",
        "highlighted: {background}"
    );

    // Search.
    client.goto(&format!("{base}/search")).await.unwrap();
    let form = client.form(Locator::Css("form.search")).await.unwrap();
    form.set_by_name("q", "Varga").await.unwrap();
    form.submit().await.unwrap();
    client
        .wait()
        .for_element(Locator::Css("p.total"))
        .await
        .unwrap();
    let hits = client.find_all(Locator::Css("li.hit")).await.unwrap();
    assert!(!hits.is_empty(), "search finds the demo's minister");

    // Add an article through the form: the story grows.
    let late =
        std::fs::read_to_string(workspace().join("testdata/server/lake-orin-late.txt")).unwrap();
    let (title, text) = late.split_once("\n\n").unwrap();
    let result = add_through_form(client, base, title, "Tollmere Times", text).await;
    assert!(result.contains("1 new"), "{result}");
    let after = story_articles(client, base, &story_href).await;
    assert_eq!(after, before + 1, "the story has the new article");

    // An article holding a script shows it as text, and it never runs.
    let script =
        std::fs::read_to_string(workspace().join("testdata/server/script-injection.txt")).unwrap();
    let (title, text) = script.split_once("\n\n").unwrap();
    let result = add_through_form(client, base, title, "Brenmoor Bugle", text).await;
    assert!(result.contains("1 new"), "{result}");
    client
        .find(Locator::Css("ul.added a"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    // Cleaning takes markup out of the body; the text as read keeps it, as text.
    let summary = client.find(Locator::Css("details.as-read summary")).await;
    summary.unwrap().click().await.unwrap();
    let read = client.find(Locator::Css("details.as-read pre")).await;
    let read = read.unwrap().text().await.unwrap();
    assert!(
        read.contains("<script>document.title='pwned'</script>"),
        "{read}"
    );
    assert!(read.contains("<img src=x onerror="), "{read}");
    let body = client.find(Locator::Css("div.text")).await;
    let body = body.unwrap().text().await.unwrap();
    assert!(body.contains("Aldo Fenwick"), "{body}");
    let markup = client.find_all(Locator::Css("main script, main img")).await;
    assert!(
        markup.unwrap().is_empty(),
        "no element came from the article"
    );
    let title = client.title().await.unwrap();
    assert_ne!(title, "pwned", "the script did not run");
}
