import { podAnnotationMetaLabel, podLabelKeys, podLabelMetaLabel, scrapeAnnotationKeys, scrapeAnnotations } from './pod-label-contract';

describe('pod label contract', () => {
  it('names the meta labels Kubernetes pod discovery exposes for the contract', () => {
    expect(podLabelMetaLabel(podLabelKeys.name)).toBe('__meta_kubernetes_pod_label_app_kubernetes_io_name');
    expect(podLabelMetaLabel(podLabelKeys.partOf)).toBe('__meta_kubernetes_pod_label_app_kubernetes_io_part_of');
    expect(podAnnotationMetaLabel(scrapeAnnotationKeys.scrape)).toBe('__meta_kubernetes_pod_annotation_prometheus_io_scrape');
    expect(podAnnotationMetaLabel(scrapeAnnotationKeys.port)).toBe('__meta_kubernetes_pod_annotation_prometheus_io_port');
  });

  it('opts a pod in to scraping at its port, on /metrics unless told otherwise', () => {
    expect(scrapeAnnotations(3001)).toEqual({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': '3001', 'prometheus.io/path': '/metrics' });
    expect(scrapeAnnotations(9187, '/stats')['prometheus.io/path']).toBe('/stats');
  });
});
