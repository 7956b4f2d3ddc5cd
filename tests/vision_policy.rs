//! The `tiny-vl` policy end to end: frames in chat messages, differentiable log-probs reaching
//! the vision tower, sampling, freezing, and a checkpoint round trip.
use anyhow::{anyhow, Result};
use rulegym_agent::{Device, Message, Policy, SampleOptions};
use rulegym_render::Frame;

fn frame(w: u32, h: u32, seed: u8) -> Result<Frame> {
    let mut data = Vec::with_capacity((w * h * 3) as usize);
    for y in 0..h {
        for x in 0..w {
            data.extend_from_slice(&[
                (x as u8).wrapping_mul(3).wrapping_add(seed),
                (y as u8).wrapping_mul(5),
                ((x + y) as u8).wrapping_mul(seed | 1),
            ]);
        }
    }
    Ok(Frame::from_rgb(w, h, data)?)
}

fn messages() -> Result<Vec<Message>> {
    Ok(vec![
        Message::system("Answer."),
        Message::user_with_frames("What is shown?", vec![frame(96, 72, 1)?]),
    ])
}

#[test]
fn tiny_vl_log_probs_reach_every_vision_tensor_and_depend_on_the_image() -> Result<()> {
    let dev = Device::Cpu;
    let p = Policy::preset("tiny-vl", 3, &dev)?;
    let vp = p.encode_chat_vision(&messages()?)?;
    assert_eq!(vp.vision.len(), 1);
    let n_pad = vp.vision[0].num_tokens(2);
    assert!(n_pad > 0);
    let completion = p.encode("<answer>a ball</answer>")?;
    let (lp, _) = p.log_probs_vision(&[(vp.clone(), completion.clone())], None, 1.0)?;
    let grads = lp.sum_all()?.backward()?;
    let vision: Vec<_> = p
        .trainable_vars()
        .into_iter()
        .filter(|(n, _)| n.starts_with("visual."))
        .collect();
    assert!(!vision.is_empty());
    for (name, var) in &vision {
        let g = grads
            .get(var.as_tensor())
            .ok_or_else(|| anyhow!("no gradient for {name}"))?;
        let v: Vec<f32> = g.flatten_all()?.to_vec1()?;
        assert!(
            v.iter().all(|x| x.is_finite()) && v.iter().any(|x| *x != 0.0),
            "{name}"
        );
    }
    // Another image changes the log-probs.
    let other = vec![
        Message::system("Answer."),
        Message::user_with_frames("What is shown?", vec![frame(96, 72, 77)?]),
    ];
    let vp2 = p.encode_chat_vision(&other)?;
    let (lp2, _) = p.log_probs_vision(&[(vp2, completion)], None, 1.0)?;
    let d = (lp - lp2)?.abs()?.sum_all()?.to_scalar::<f32>()?;
    assert!(d > 1e-4, "log-probs ignore the image ({d})");
    Ok(())
}

#[test]
fn tiny_vl_samples_reproducibly_and_round_trips_through_a_checkpoint() -> Result<()> {
    let dev = Device::Cpu;
    let p = Policy::preset("tiny-vl", 4, &dev)?;
    let video = vec![frame(64, 48, 1)?, frame(64, 48, 2)?, frame(64, 48, 3)?];
    let msgs = vec![Message {
        role: rulegym_agent::Role::User,
        content: vec![
            rulegym_agent::Content::Video(video),
            rulegym_agent::Content::Text("Where does it move?".into()),
        ],
    }];
    let vp = p.encode_chat_vision(&msgs)?;
    assert!(vp.vision[0].is_video && vp.vision[0].grid_thw[0] == 2);
    let opts = SampleOptions {
        n: 2,
        max_new_tokens: 5,
        seed: 9,
        ..SampleOptions::default()
    };
    let a = p.generate_vision(std::slice::from_ref(&vp), &opts)?;
    let b = p.generate_vision(std::slice::from_ref(&vp), &opts)?;
    assert_eq!(a, b);
    assert_eq!(a[0].len(), 2);
    // Sampled log-probs agree with the training path.
    let s = &a[0][0];
    let (lp, _) = p.log_probs_vision(&[(vp.clone(), s.tokens.clone())], None, 1.0)?;
    let lp: Vec<f32> = lp.flatten_all()?.to_vec1()?;
    for (x, y) in lp.iter().zip(&s.logprobs) {
        assert!((x - y).abs() < 1e-3, "sampling {y} vs log_probs {x}");
    }
    let dir = std::env::temp_dir().join(format!("rulegym_tiny_vl_{}", std::process::id()));
    p.save(&dir)?;
    assert!(dir.join("preprocessor_config.json").exists());
    let q = Policy::load(&dir, &dev)?;
    let (lq, _) = q.log_probs_vision(&[(vp, s.tokens.clone())], None, 1.0)?;
    let lq: Vec<f32> = lq.flatten_all()?.to_vec1()?;
    assert_eq!(lp, lq);
    std::fs::remove_dir_all(&dir).ok();
    Ok(())
}

#[test]
fn frozen_vision_is_not_trained_and_text_models_refuse_frames() -> Result<()> {
    let dev = Device::Cpu;
    let mut p = Policy::preset("tiny-vl", 5, &dev)?;
    p.freeze(&["visual.blocks.*".into(), "visual.patch_embed.*".into()])?;
    let names: Vec<String> = p.trainable_vars().into_iter().map(|(n, _)| n).collect();
    assert!(names.iter().any(|n| n.starts_with("visual.merger.")));
    assert!(!names.iter().any(|n| n.starts_with("visual.blocks.")));
    assert!(p.frozen_copy()?.trainable_vars().is_empty());
    let text = Policy::preset("tiny", 5, &dev)?;
    let e = text
        .encode_chat_vision(&messages()?)
        .err()
        .map(|e| e.to_string());
    assert!(e.is_some_and(|m| m.contains("vl")));
    Ok(())
}
