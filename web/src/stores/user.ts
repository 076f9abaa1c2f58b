// The logged-in account (from /api/me or the login answer) and its CSRF token.
import { defineStore } from 'pinia'
import { ref, computed } from 'vue'
import * as auth from '@/api/auth'
import { setCsrf } from '@/api/http'

export const useUserStore = defineStore('user', () => {
  const me = ref<auth.Me | null>(null)
  const checked = ref(false)

  function set(m: auth.Me | null) {
    me.value = m
    setCsrf(m?.csrf ?? '')
  }
  /* The session check, once per page load; `early` is the one the page
   * load already started (boot.ts). */
  async function load(early?: Promise<auth.Me> | null) {
    if (checked.value) return me.value
    try {
      set(await (early ?? auth.me()))
    } catch {
      set(null)
    }
    checked.value = true
    return me.value
  }
  async function login(username: string, password: string) {
    set(await auth.login(username, password))
    checked.value = true
  }
  async function logout() {
    try {
      await auth.logout()
    } finally {
      set(null)
    }
  }
  function forget() {
    set(null)
  }
  const canWrite = computed(() => !!me.value && me.value.role !== '查看')
  return { me, checked, load, login, logout, forget, canWrite }
})
