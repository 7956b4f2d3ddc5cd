//! Allocator settings for tensor-heavy processes.
//!
//! A training step allocates and frees tensors of megabytes many times over. glibc serves each
//! one above its mmap threshold with a fresh `mmap`, and returns freed heap tops to the kernel:
//! every such buffer then costs page faults on first touch and a TLB shootdown across threads
//! on release. Measured on 2 cores (`benches/agent.rs`, small preset fwd+bwd): 1.2k tok/s with
//! glibc's defaults, 2.3k tok/s with the mmap threshold raised to its 32 MiB maximum and no
//! trimming; `trainer --env football`, whose attention scores exceed 32 MiB, went from 84 s
//! (55 s of it in the kernel) to 64 s (20 s) once mmap was off altogether.
//! Binaries call [`tune_allocator`] once at start (the `trainer` does; so do the benches).

/// Serves every allocation from the heap (no per-buffer `mmap`) and stops trimming freed memory
/// below 1 GiB, so tensor buffers are reused instead of mapped anew. The price is memory held
/// after a peak. Process-wide; a no-op outside glibc. Returns whether both settings took.
pub fn tune_allocator() -> bool {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: mallopt only changes allocator parameters; it is safe to call at any time.
        unsafe {
            let mmap = libc::mallopt(libc::M_MMAP_MAX, 0);
            let trim = libc::mallopt(libc::M_TRIM_THRESHOLD, 1 << 30);
            mmap == 1 && trim == 1
        }
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    {
        false
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn settings_take_on_glibc() {
        let ok = super::tune_allocator();
        assert_eq!(ok, cfg!(all(target_os = "linux", target_env = "gnu")));
    }
}
