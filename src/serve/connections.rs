//! The mirror's connections: hyper's HTTP/1 server over the listener, with
//! what axum's `serve` does not set (a head time-out, a head size, a cap on
//! connections, stalled writers cut off) and a graceful stop.

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tower::ServiceExt;

/// How long a client may take to send a request's head (and how long an
/// idle keep-alive connection stays open: hyper starts the same clock when
/// it waits for the next request).
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// How long an answer may wait for a client that reads none of it.
pub const WRITE_STALL: Duration = Duration::from_secs(30);

/// Connections served at once. Past it the mirror stops accepting: new
/// connections wait in the kernel's backlog (and are refused by it once
/// that is full), so a burst is served late rather than reset.
pub const MAX_CONNECTIONS: usize = 512;

/// The most of a request's head (request line and headers) hyper buffers:
/// a longer head is refused (431) unread. It is above hyper's own limit on
/// the request target (64 KiB, 414), so a long query is told 414.
pub const MAX_HEAD: usize = 128 * 1024;

/// How long a stop waits for the answers under way.
const DRAIN: Duration = Duration::from_secs(10);

/// Serves `router` on `listener` until `stop` resolves, then lets the
/// answers under way finish (for [`DRAIN`] at most).
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    header_timeout: Duration,
    stop: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(header_timeout)
        .max_buf_size(MAX_HEAD);
    let permits = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    tokio::pin!(stop);
    loop {
        let accepted = tokio::select! {
            biased;
            () = &mut stop => break,
            accepted = async {
                let permit = Arc::clone(&permits).acquire_owned().await;
                (permit, listener.accept().await)
            } => accepted,
        };
        let (permit, (stream, client)) = match accepted {
            (Ok(permit), Ok(conn)) => (permit, conn),
            (_, Err(e)) => {
                // Out of file descriptors, or a connection reset before it
                // was taken: not the mirror's end. Breathe, then go on.
                tracing::warn!(target: "hangar::serve", "accept: {e}");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
            // The semaphore is never closed.
            (Err(_), Ok(_)) => continue,
        };
        let service =
            router
                .clone()
                .map_request(move |request: hyper::Request<hyper::body::Incoming>| {
                    let mut request = request.map(Body::new);
                    request.extensions_mut().insert(ConnectInfo(client));
                    request
                });
        let conn = http.serve_connection(
            TokioIo::new(Stalling::new(stream)),
            TowerToHyperService::new(service),
        );
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            if let Err(e) = conn.await {
                tracing::debug!(target: "hangar::serve", %client, "connection: {e}");
            }
            drop(permit);
        });
    }
    drop(listener);
    let under_way = graceful.count();
    eprintln!("hangar: stopping; finishing the answers under way on {under_way} connection(s)");
    if tokio::time::timeout(DRAIN, graceful.shutdown())
        .await
        .is_err()
    {
        eprintln!("hangar: some answers were not finished after {DRAIN:?}; stopped anyway");
    }
    Ok(())
}

/// Ctrl-C, or SIGTERM (what `kill` and service managers send).
pub async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    // Without a handler there is nothing to wait for: Ctrl-C then ends the process as usual.
    if tokio::signal::ctrl_c().await.is_err() {
        std::future::pending::<()>().await;
    }
}

/// A connection whose writes fail once the client has read nothing for
/// [`WRITE_STALL`]: an answer is not held open by a client that stopped reading.
struct Stalling {
    stream: tokio::net::TcpStream,
    stalled: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl Stalling {
    fn new(stream: tokio::net::TcpStream) -> Stalling {
        Stalling {
            stream,
            stalled: None,
        }
    }

    /// Arms the clock on a write that cannot go on, disarms it on progress.
    fn watch<T>(
        &mut self,
        cx: &mut Context<'_>,
        polled: Poll<std::io::Result<T>>,
    ) -> Poll<std::io::Result<T>> {
        if polled.is_ready() {
            self.stalled = None;
            return polled;
        }
        let stalled = self
            .stalled
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(WRITE_STALL)));
        match stalled.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "the client read nothing of its answer",
            ))),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl AsyncRead for Stalling {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for Stalling {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let polled = Pin::new(&mut self.stream).poll_write(cx, buf);
        self.watch(cx, polled)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let polled = Pin::new(&mut self.stream).poll_write_vectored(cx, bufs);
        self.watch(cx, polled)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        let polled = Pin::new(&mut self.stream).poll_flush(cx);
        self.watch(cx, polled)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}
