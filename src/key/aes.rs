//! AES decryption (FIPS 197) for the three key sizes, small and constant
//! time: it runs once per encrypted key file, so it is written for size.
//! No lookup tables: the S-box is computed as an inversion in GF(2^8)
//! (`x^254`) followed by the affine map, four bytes at a time in a `u32`,
//! with no branch or memory access that depends on a secret.

use zeroize::Zeroizing;

/// An AES key expanded for decryption: its round keys, one `u32` per
/// column (byte `r` of the column in bits `8r..8r + 8`).
pub(crate) struct AesDecryptor {
    round_keys: Zeroizing<Vec<u32>>,
    rounds: usize,
}

impl AesDecryptor {
    /// The key schedule of a 16, 24 or 32-byte key; `None` for other sizes.
    ///
    /// ```ignore
    /// let aes = AesDecryptor::new(&[0; 32])?;
    /// aes.decrypt_block(&mut block);
    /// ```
    pub(crate) fn new(key: &[u8]) -> Option<Self> {
        let nk = match key.len() {
            16 | 24 | 32 => key.len() / 4,
            _ => return None,
        };
        let rounds = nk + 6;
        let mut words = Zeroizing::new(vec![0u32; 4 * (rounds + 1)]);
        for (word, bytes) in words.iter_mut().zip(key.chunks_exact(4)) {
            *word = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
        }
        let mut round_constant = 1u32;
        for i in nk..words.len() {
            let mut temp = words[i - 1];
            if i % nk == 0 {
                temp = sub_word(temp.rotate_right(8)) ^ round_constant;
                round_constant = xtime(round_constant);
            } else if nk > 6 && i % nk == 4 {
                temp = sub_word(temp);
            }
            words[i] = words[i - nk] ^ temp;
        }
        Some(AesDecryptor {
            round_keys: words,
            rounds,
        })
    }

    /// Decrypts one 16-byte block in place (the inverse cipher, FIPS 197 §5.3).
    pub(crate) fn decrypt_block(&self, block: &mut [u8; 16]) {
        let key = |round: usize| &self.round_keys[4 * round..4 * round + 4];
        let mut state = Zeroizing::new([0u32; 4]);
        for (column, bytes) in state.iter_mut().zip(block.chunks_exact(4)) {
            *column = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
        }
        add_round_key(&mut state, key(self.rounds));
        for round in (1..self.rounds).rev() {
            inv_shift_rows(&mut state);
            inv_sub_bytes(&mut state);
            add_round_key(&mut state, key(round));
            for column in state.iter_mut() {
                *column = inv_mix_column(*column);
            }
        }
        inv_shift_rows(&mut state);
        inv_sub_bytes(&mut state);
        add_round_key(&mut state, key(0));
        for (bytes, column) in block.chunks_exact_mut(4).zip(state.iter()) {
            bytes.copy_from_slice(&column.to_le_bytes());
        }
    }
}

fn add_round_key(state: &mut [u32; 4], key: &[u32]) {
    for (column, key) in state.iter_mut().zip(key) {
        *column ^= key;
    }
}

/// Row `r` moves right by `r` columns: byte `r` of column `c` comes from
/// column `c - r`.
fn inv_shift_rows(state: &mut [u32; 4]) {
    let old = *state;
    for (c, column) in state.iter_mut().enumerate() {
        *column = (old[c] & 0x0000_00ff)
            | (old[(c + 3) % 4] & 0x0000_ff00)
            | (old[(c + 2) % 4] & 0x00ff_0000)
            | (old[(c + 1) % 4] & 0xff00_0000);
    }
}

fn inv_sub_bytes(state: &mut [u32; 4]) {
    for column in state.iter_mut() {
        *column = inverse(inv_affine(*column));
    }
}

/// The S-box of each byte of `word`.
fn sub_word(word: u32) -> u32 {
    affine(inverse(word))
}

/// Multiplies each byte by `x` in GF(2^8) (modulo `x^8 + x^4 + x^3 + x + 1`).
fn xtime(bytes: u32) -> u32 {
    ((bytes & 0x7f7f_7f7f) << 1) ^ (((bytes >> 7) & 0x0101_0101) * 0x1b)
}

/// Each byte of `a` times the same byte of `b`, in GF(2^8). Out of line:
/// the inversion calls it eleven times, and size matters more than speed
/// here.
#[inline(never)]
fn multiply(mut a: u32, b: u32) -> u32 {
    let mut product = 0;
    for bit in 0..8 {
        let mask = ((b >> bit) & 0x0101_0101) * 0xff;
        product ^= a & mask;
        a = xtime(a);
    }
    product
}

/// Each byte's multiplicative inverse (0 for 0): `x^254`, by an addition
/// chain of 7 squarings and 4 multiplications.
fn inverse(x: u32) -> u32 {
    let x2 = multiply(x, x);
    let x3 = multiply(x2, x);
    let x6 = multiply(x3, x3);
    let x7 = multiply(x6, x);
    let x12 = multiply(x6, x6);
    let x15 = multiply(x12, x3);
    let x30 = multiply(x15, x15);
    let x60 = multiply(x30, x30);
    let x120 = multiply(x60, x60);
    let x127 = multiply(x120, x7);
    multiply(x127, x127)
}

/// Rotates each byte left by `n` bits (1 to 7).
fn rotate_bytes(x: u32, n: u32) -> u32 {
    let high = (0xffu32 << n) & 0xff;
    let high = high * 0x0101_0101;
    ((x << n) & high) | ((x >> (8 - n)) & !high)
}

/// The S-box's affine map, on each byte.
fn affine(x: u32) -> u32 {
    x ^ rotate_bytes(x, 1)
        ^ rotate_bytes(x, 2)
        ^ rotate_bytes(x, 3)
        ^ rotate_bytes(x, 4)
        ^ 0x6363_6363
}

/// The inverse of [`affine`], on each byte.
fn inv_affine(x: u32) -> u32 {
    rotate_bytes(x, 1) ^ rotate_bytes(x, 3) ^ rotate_bytes(x, 6) ^ 0x0505_0505
}

/// InvMixColumns of one column: `[14 11 13 9]` circulant over GF(2^8).
fn inv_mix_column(column: u32) -> u32 {
    let x2 = xtime(column);
    let x4 = xtime(x2);
    let x8 = xtime(x4);
    let times9 = x8 ^ column;
    let times11 = x8 ^ x2 ^ column;
    let times13 = x8 ^ x4 ^ column;
    let times14 = x8 ^ x4 ^ x2;
    times14 ^ times11.rotate_right(8) ^ times13.rotate_right(16) ^ times9.rotate_right(24)
}

#[cfg(test)]
mod tests {
    use aes_reference::cipher::{Array, BlockCipherDecrypt, KeyInit};

    use super::*;

    fn decrypt(key: &[u8], block: [u8; 16]) -> [u8; 16] {
        let mut block = block;
        AesDecryptor::new(key).unwrap().decrypt_block(&mut block);
        block
    }

    fn hex(text: &str) -> Vec<u8> {
        (0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
            .collect()
    }

    #[test]
    fn decrypts_the_fips_197_examples() {
        let plain: [u8; 16] = hex("00112233445566778899aabbccddeeff").try_into().unwrap();
        for (key, cipher) in [
            (
                "000102030405060708090a0b0c0d0e0f",
                "69c4e0d86a7b0430d8cdb78070b4c55a",
            ),
            (
                "000102030405060708090a0b0c0d0e0f1011121314151617",
                "dda97ca4864cdfe06eaf70a0ec0d7191",
            ),
            (
                "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
                "8ea2b7ca516745bfeafc49904b496089",
            ),
        ] {
            assert_eq!(
                decrypt(&hex(key), hex(cipher).try_into().unwrap()),
                plain,
                "{key}"
            );
        }
    }

    #[test]
    fn matches_the_aes_crate_on_random_keys_and_blocks() {
        for round in 0..200 {
            let mut key = [0u8; 32];
            let mut block = [0u8; 16];
            getrandom::fill(&mut key).unwrap();
            getrandom::fill(&mut block).unwrap();
            let size = [16, 24, 32][round % 3];
            let mut expected = Array::from(block);
            match size {
                16 => aes_reference::Aes128::new_from_slice(&key[..16])
                    .unwrap()
                    .decrypt_block(&mut expected),
                24 => aes_reference::Aes192::new_from_slice(&key[..24])
                    .unwrap()
                    .decrypt_block(&mut expected),
                _ => aes_reference::Aes256::new_from_slice(&key)
                    .unwrap()
                    .decrypt_block(&mut expected),
            }
            assert_eq!(
                decrypt(&key[..size], block),
                <[u8; 16]>::from(expected),
                "{size}"
            );
        }
    }

    #[test]
    fn refuses_other_key_sizes() {
        for size in [0, 8, 15, 17, 31, 33, 64] {
            assert!(AesDecryptor::new(&vec![0; size]).is_none(), "{size}");
        }
    }
}
